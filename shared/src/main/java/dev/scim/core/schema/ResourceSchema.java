package dev.scim.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A schema (core or extension) with its URN in canonical SCIM 2.0 naming (RFC 7643 §7). */
public record ResourceSchema(String id, String name, String description, List<AttributeDefinition> attributes) {
    public ResourceSchema {
        attributes = List.copyOf(attributes);
    }

    /** Top-level attribute by name, case-insensitively (RFC 7643 §2.1). */
    public Optional<AttributeDefinition> attribute(String attrName) {
        String lower = attrName.toLowerCase(Locale.ROOT);
        return attributes.stream().filter(a -> a.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }
}
