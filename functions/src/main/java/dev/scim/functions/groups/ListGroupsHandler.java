package dev.scim.functions.groups;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** GET /Groups: lists or filters the tenant's groups (RFC 7644 §3.4.2). */
public final class ListGroupsHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public ListGroupsHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public ListGroupsHandler(ScimOperations operations) { super(operations, ScimOperations::listGroups); }
}
