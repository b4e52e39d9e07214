package dev.scim.core.patch;

import dev.scim.core.filter.AttributePath;
import dev.scim.core.filter.Filter;
import java.util.Objects;

/**
 * A PATCH target (RFC 7644 §3.5.2): {@code attrPath} or {@code valuePath [ "." subAttr ]}, e.g. {@code active},
 * {@code name.givenName}, {@code emails[type eq "work"].value},
 * {@code members[value eq "2819c223"]}. {@code valueFilter} and {@code subAttribute} are null when absent; when a
 * value filter is present, {@code subAttribute} is the part after {@code ].} (the attribute path itself then has
 * no sub-attribute).
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {
    public PatchPath {
        Objects.requireNonNull(attribute, "attribute");
        if (valueFilter == null && subAttribute != null) {
            throw new IllegalArgumentException("sub-attribute after a filter needs the filter");
        }
    }

    public static PatchPath of(AttributePath attribute) { return new PatchPath(attribute, null, null); }
}
