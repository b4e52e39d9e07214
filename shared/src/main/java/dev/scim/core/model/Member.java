package dev.scim.core.model;

import java.util.Objects;

/** One membership of a group: the member user's id and the {@code display} text the client sent, if any. */
public record Member(String value, String display) {
    public Member {
        Objects.requireNonNull(value, "value");
    }
}
