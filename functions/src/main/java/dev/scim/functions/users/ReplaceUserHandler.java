package dev.scim.functions.users;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** PUT /Users/{id}: replaces a user (RFC 7644 §3.5.1). */
public final class ReplaceUserHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public ReplaceUserHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public ReplaceUserHandler(ScimOperations operations) { super(operations, ScimOperations::replaceUser); }
}
