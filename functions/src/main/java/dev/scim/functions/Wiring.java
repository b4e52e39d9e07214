package dev.scim.functions;

import dev.scim.core.Services;
import dev.scim.core.wire.ScimOperations;

/**
 * The Lambda composition root. {@link Services#fromEnvironment()} runs once per container, during the init phase
 * (the holder class initialises on first use, which a handler's no-arg constructor triggers at init), so clients,
 * mapper and config are built before the first request and shared by every later one. JVM class initialisation
 * makes this thread-safe without locks.
 */
public final class Wiring {
    private Wiring() {}

    private static final class Holder {
        static final Services SERVICES = Services.fromEnvironment();
        static final ScimOperations OPERATIONS = SERVICES.operations();
    }

    public static Services services() { return Holder.SERVICES; }

    public static ScimOperations operations() { return Holder.OPERATIONS; }
}
