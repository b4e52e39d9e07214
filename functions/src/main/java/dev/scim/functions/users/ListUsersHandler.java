package dev.scim.functions.users;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** GET /Users: lists or filters the tenant's users (RFC 7644 §3.4.2). */
public final class ListUsersHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public ListUsersHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public ListUsersHandler(ScimOperations operations) { super(operations, ScimOperations::listUsers); }
}
