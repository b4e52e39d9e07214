package dev.scim.functions.groups;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** DELETE /Groups/{id}: deletes a group (RFC 7644 §3.6). */
public final class DeleteGroupHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public DeleteGroupHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public DeleteGroupHandler(ScimOperations operations) { super(operations, ScimOperations::deleteGroup); }
}
