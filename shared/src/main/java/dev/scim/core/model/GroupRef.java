package dev.scim.core.model;

import java.util.Objects;

/** An entry of a user's read-only {@code groups} attribute: the group's id and its current displayName. */
public record GroupRef(String value, String display) {
    public GroupRef {
        Objects.requireNonNull(value, "value");
    }
}
