package dev.scim.core;

import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.token.TokenVerifier;
import dev.scim.core.wire.ScimOperations;
import java.time.Clock;

/**
 * The composition root: stores, token verifier, clock and config, built once per process (per warm Lambda
 * container) and passed to handlers through their constructors.
 * INTEGRATION PENDING: factories are completed when the stores and token modules land.
 */
public final class Services {
    private final Config config;
    private final Clock clock;
    private final UserStore users;
    private final GroupStore groups;
    private final TokenVerifier tokenVerifier;

    public Services(Config config, Clock clock, UserStore users, GroupStore groups, TokenVerifier tokenVerifier) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.groups = groups;
        this.tokenVerifier = tokenVerifier;
    }

    /** Real AWS clients (or the emulator named by AWS_ENDPOINT_URL), configured from the environment. */
    public static Services fromEnvironment() {
        throw new UnsupportedOperationException("integration pending");
    }

    /** In-memory stores and token material, for ./scim local and tests. */
    public static Services embedded(Config config) {
        throw new UnsupportedOperationException("integration pending");
    }

    public ScimOperations operations() {
        throw new UnsupportedOperationException("integration pending");
    }

    public Config config() { return config; }
    public Clock clock() { return clock; }
    public UserStore users() { return users; }
    public GroupStore groups() { return groups; }
    public TokenVerifier tokenVerifier() { return tokenVerifier; }
}
