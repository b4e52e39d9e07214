package dev.scim.functions.groups;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** POST /Groups: creates a group, e.g. from Okta Push Groups (RFC 7644 §3.3). */
public final class CreateGroupHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public CreateGroupHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public CreateGroupHandler(ScimOperations operations) { super(operations, ScimOperations::createGroup); }
}
