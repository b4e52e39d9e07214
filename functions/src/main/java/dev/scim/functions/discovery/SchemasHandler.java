package dev.scim.functions.discovery;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** ANY /Schemas[/{id}]: the supported schemas (RFC 7644 §4, RFC 7643 §7); non-GET methods answer 405. */
public final class SchemasHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public SchemasHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public SchemasHandler(ScimOperations operations) { super(operations, ScimOperations::schemas); }
}
