package dev.scim.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored user. {@code attributes} is the user's SCIM document in the service's canonical (SCIM 2.0) naming,
 * without {@code schemas}, {@code id}, {@code meta}, {@code groups} and {@code password}: those are derived or
 * never kept. Everything else a client sent, including extension objects such as Okta's custom profile, is kept
 * as sent. The record never mutates {@code attributes}; callers copy before changing.
 */
public record UserResource(String id, ObjectNode attributes, Meta meta) {
    public UserResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(meta, "meta");
    }

    public String userName() { return attributes.path("userName").asText(); }

    public Optional<String> externalId() { return text(attributes.get("externalId")); }

    /** SCIM's default: a user without {@code active} is active. */
    public boolean active() {
        JsonNode a = attributes.get("active");
        return a == null || a.isNull() || a.asBoolean(true);
    }

    public UserResource with(ObjectNode newAttributes, Meta newMeta) {
        return new UserResource(id, newAttributes, newMeta);
    }

    static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }
}
