package dev.scim.functions.discovery;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** ANY /ResourceTypes[/{id}]: the resource types (RFC 7644 §4, RFC 7643 §6); non-GET methods answer 405. */
public final class ResourceTypesHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public ResourceTypesHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public ResourceTypesHandler(ScimOperations operations) { super(operations, ScimOperations::resourceTypes); }
}
