package dev.scim.functions.groups;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** GET /Groups/{id}: one group with its members (RFC 7644 §3.4.1). */
public final class GetGroupHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public GetGroupHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public GetGroupHandler(ScimOperations operations) { super(operations, ScimOperations::getGroup); }
}
