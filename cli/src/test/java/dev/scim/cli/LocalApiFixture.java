package dev.scim.cli;

import dev.scim.core.Config;
import dev.scim.core.Services;
import dev.scim.core.log.JsonLog;
import dev.scim.core.store.dynamodb.DynamoDbGroupStore;
import dev.scim.core.store.dynamodb.DynamoDbUserStore;
import dev.scim.core.store.memory.InMemoryGroupStore;
import dev.scim.core.store.memory.InMemoryUserStore;
import dev.scim.core.testing.Emulator;
import dev.scim.core.token.CachingTokenVerifier;
import dev.scim.core.token.InMemoryTokenStore;
import dev.scim.core.token.SecretsManagerTokenStore;
import dev.scim.core.token.TokenAdmin;
import dev.scim.core.token.TokenMaterialStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The local API started in-process on a free port, exactly as {@code ./scim local} serves it: routes, authorizer
 * and gateway responses from template.yaml, the real handlers, the real token verifier. Authorizer caches are off
 * (TTL 0) so token changes show at once.
 */
final class LocalApiFixture implements AutoCloseable {
    static final JsonLog QUIET = new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());

    private final LocalApi api;
    private final TokenAdmin admin;
    private final String token;

    private LocalApiFixture(Services services, TokenMaterialStore tokens, Clock clock) {
        this.admin = new TokenAdmin(tokens, clock, new SecureRandom(), QUIET);
        this.token = admin.create("default").token();
        this.api = LocalApi.start(new LocalOptions(0, null, Duration.ZERO,
                Emulator.repoRoot().resolve("template.yaml")), services.operations(),
                new CachingTokenVerifier(tokens, clock, Duration.ZERO));
    }

    /** Embedded stores and token material, as {@code ./scim local} runs by default. */
    static LocalApiFixture embedded() {
        Config config = Config.defaults();
        Clock clock = Clock.systemUTC();
        return new LocalApiFixture(new Services(config, clock, new InMemoryUserStore(), new InMemoryGroupStore(),
                QUIET), new InMemoryTokenStore(), clock);
    }

    /** DynamoDB and Secrets Manager on the emulator, as {@code ./scim local} runs with AWS_ENDPOINT_URL. */
    static LocalApiFixture onEmulator(Clock clock) {
        Config config = Config.defaults();
        String table = Emulator.newTable(Emulator.dynamoDb());
        Services services = new Services(config, clock, new DynamoDbUserStore(Emulator.dynamoDb(), table),
                new DynamoDbGroupStore(Emulator.dynamoDb(), table), QUIET);
        return new LocalApiFixture(services, new SecretsManagerTokenStore(Emulator.secretsManager(),
                Emulator.newSecretPrefix()), clock);
    }

    String baseUrl() { return api.baseUrl(); }

    /** The generated token of tenant {@code default}. */
    String token() { return token; }

    TokenAdmin tokens() { return admin; }

    /** A client sending the token as Okta's Header Auth app does: the bare token, no scheme. */
    ScimClient client() { return new ScimClient(baseUrl(), token); }

    ScimClient client(String authorization) { return new ScimClient(baseUrl(), authorization); }

    @Override
    public void close() { api.close(); }
}
