package dev.scim.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored group without its members. Members are separate items (one per membership, see {@link Member}) so a
 * group of any size fits the store and a membership change never rewrites the group.
 * {@code attributes} holds {@code displayName}, {@code externalId} and extension objects (e.g. Okta's
 * {@code urn:okta:custom:group:1.0} description) in canonical naming; never {@code members}, {@code id},
 * {@code meta} or {@code schemas}.
 */
public record GroupResource(String id, ObjectNode attributes, Meta meta) {
    public GroupResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(meta, "meta");
    }

    public String displayName() { return attributes.path("displayName").asText(); }

    public Optional<String> externalId() { return UserResource.text(attributes.get("externalId")); }

    public GroupResource with(ObjectNode newAttributes, Meta newMeta) {
        return new GroupResource(id, newAttributes, newMeta);
    }
}
