package dev.scim.functions.users;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** GET /Users/{id}: one user (RFC 7644 §3.4.1). */
public final class GetUserHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public GetUserHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public GetUserHandler(ScimOperations operations) { super(operations, ScimOperations::getUser); }
}
