package dev.scim.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One attribute of a schema (RFC 7643 §7). Drives input validation, case sensitivity in filters, PATCH on
 * multi-valued attributes, stripping of read-only input, and the /Schemas discovery documents.
 */
public record AttributeDefinition(
        String name,
        AttributeType type,
        boolean multiValued,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        String returned,
        String uniqueness,
        String description,
        List<AttributeDefinition> subAttributes) {

    public AttributeDefinition {
        subAttributes = List.copyOf(subAttributes);
        if (type == AttributeType.COMPLEX && subAttributes.isEmpty()) {
            throw new IllegalArgumentException(name + ": complex attribute without sub-attributes");
        }
    }

    /** Sub-attribute by name, compared case-insensitively as RFC 7643 §2.1 requires for attribute names. */
    public Optional<AttributeDefinition> sub(String subName) {
        String lower = subName.toLowerCase(Locale.ROOT);
        return subAttributes.stream().filter(a -> a.name.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    public boolean readOnly() { return mutability == Mutability.READ_ONLY; }

    public static Builder string(String name) { return new Builder(name, AttributeType.STRING); }

    public static Builder of(String name, AttributeType type) { return new Builder(name, type); }

    public static Builder complex(String name, AttributeDefinition... subs) {
        return new Builder(name, AttributeType.COMPLEX).subs(List.of(subs));
    }

    /** Defaults follow RFC 7643 §2.2: single-valued, optional, case-insensitive, readWrite, returned default. */
    public static final class Builder {
        private final String name;
        private final AttributeType type;
        private boolean multiValued;
        private boolean required;
        private boolean caseExact;
        private Mutability mutability = Mutability.READ_WRITE;
        private String returned = "default";
        private String uniqueness = "none";
        private String description = "";
        private List<AttributeDefinition> subs = List.of();

        private Builder(String name, AttributeType type) { this.name = name; this.type = type; }

        public Builder multi() { multiValued = true; return this; }
        public Builder required() { required = true; return this; }
        public Builder caseExact() { caseExact = true; return this; }
        public Builder mutability(Mutability m) { mutability = m; return this; }
        public Builder returned(String r) { returned = r; return this; }
        public Builder uniqueness(String u) { uniqueness = u; return this; }
        public Builder description(String d) { description = d; return this; }
        public Builder subs(List<AttributeDefinition> s) { subs = s; return this; }

        public AttributeDefinition build() {
            return new AttributeDefinition(name, type, multiValued, required, caseExact, mutability, returned,
                    uniqueness, description, subs);
        }
    }
}
