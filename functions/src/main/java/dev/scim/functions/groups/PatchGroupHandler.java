package dev.scim.functions.groups;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** PATCH /Groups/{id}: renames a group or adds and removes members (RFC 7644 §3.5.2). */
public final class PatchGroupHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public PatchGroupHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public PatchGroupHandler(ScimOperations operations) { super(operations, ScimOperations::patchGroup); }
}
