package dev.scim.functions.users;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** PATCH /Users/{id}: modifies a user, e.g. Okta's deactivation (RFC 7644 §3.5.2; SCIM 1.1 partial PUT form). */
public final class PatchUserHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public PatchUserHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public PatchUserHandler(ScimOperations operations) { super(operations, ScimOperations::patchUser); }
}
