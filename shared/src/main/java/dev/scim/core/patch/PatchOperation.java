package dev.scim.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One PATCH operation in the shared model (RFC 7644 §3.5.2). SCIM 2.0 {@code Operations} map onto it directly;
 * the SCIM 1.1 partial-resource PATCH (attributes to set, {@code "operation":"delete"} entries, and
 * {@code meta.attributes} to clear) is read into the same operations by the 1.1 dialect.
 */
public sealed interface PatchOperation permits PatchOperation.Add, PatchOperation.Replace, PatchOperation.Remove {

    /** The target, or null for a path-less operation whose value is an object of attributes. */
    PatchPath path();

    /** Adds values: sets single-valued attributes, appends to multi-valued ones (without duplicating equal values). */
    record Add(PatchPath path, JsonNode value) implements PatchOperation {
        public Add { Objects.requireNonNull(value, "value"); }
    }

    /** Replaces values: sets single-valued attributes, replaces the whole list (or the filtered entries). */
    record Replace(PatchPath path, JsonNode value) implements PatchOperation {
        public Replace { Objects.requireNonNull(value, "value"); }
    }

    /** Removes the attribute, the filtered entries of a multi-valued attribute, or a sub-attribute of them. */
    record Remove(PatchPath path) implements PatchOperation {
        public Remove { Objects.requireNonNull(path, "path"); }
    }
}
