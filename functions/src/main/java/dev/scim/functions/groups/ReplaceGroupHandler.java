package dev.scim.functions.groups;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** PUT /Groups/{id}: replaces a group (RFC 7644 §3.5.1). */
public final class ReplaceGroupHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public ReplaceGroupHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public ReplaceGroupHandler(ScimOperations operations) { super(operations, ScimOperations::replaceGroup); }
}
