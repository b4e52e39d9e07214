package dev.scim.functions.discovery;

import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import dev.scim.functions.Wiring;

/** ANY /ServiceProviderConfig(s): the service's capabilities (RFC 7644 §4); non-GET methods answer 405. */
public final class ServiceProviderConfigHandler extends ScimFunction {
    /** For Lambda: operations built once per container. */
    public ServiceProviderConfigHandler() { this(Wiring.operations()); }

    /** For tests and ./scim local. */
    public ServiceProviderConfigHandler(ScimOperations operations) { super(operations, ScimOperations::serviceProviderConfig); }
}
