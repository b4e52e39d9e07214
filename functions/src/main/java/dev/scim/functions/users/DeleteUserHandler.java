package dev.scim.functions.users;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** DELETE /Users/{id}: deletes a user (RFC 7644 §3.6). */
public final class DeleteUserHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public DeleteUserHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public DeleteUserHandler(ScimOperations operations) { super(operations, ScimOperations::deleteUser); }
}
