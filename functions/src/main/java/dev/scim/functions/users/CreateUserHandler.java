package dev.scim.functions.users;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** POST /Users: creates a user (RFC 7644 §3.3). */
public final class CreateUserHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public CreateUserHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public CreateUserHandler(ScimOperations operations) { super(operations, ScimOperations::createUser); }
}
