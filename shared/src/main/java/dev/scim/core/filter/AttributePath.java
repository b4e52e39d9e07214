package dev.scim.core.filter;

import java.util.Objects;

/**
 * An attribute reference as in RFC 7644 §3.10: {@code [schemaUrn ":"] attribute ["." subAttribute]}.
 * {@code schemaUrn} is null for core attributes; names keep the client's spelling and are compared
 * case-insensitively wherever they are resolved.
 */
public record AttributePath(String schemaUrn, String attribute, String subAttribute) {
    public AttributePath {
        Objects.requireNonNull(attribute, "attribute");
        if (attribute.isEmpty()) throw new IllegalArgumentException("empty attribute name");
    }

    public static AttributePath of(String attribute) { return new AttributePath(null, attribute, null); }

    public static AttributePath of(String attribute, String subAttribute) {
        return new AttributePath(null, attribute, subAttribute);
    }

    /** The path as a client would write it, e.g. {@code name.familyName} or {@code urn:...:User:department}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (schemaUrn != null) b.append(schemaUrn).append(':');
        b.append(attribute);
        if (subAttribute != null) b.append('.').append(subAttribute);
        return b.toString();
    }
}
