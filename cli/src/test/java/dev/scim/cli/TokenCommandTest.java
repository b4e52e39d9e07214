package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scim.core.testing.Emulator;
import dev.scim.core.token.ApiToken;
import dev.scim.core.token.CachingTokenVerifier;
import dev.scim.core.token.SecretsManagerTokenStore;
import dev.scim.core.token.TokenVerifier;
import dev.scim.core.token.Verification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** End to end against moto through the real SDK. */
class TokenCommandTest {
    private static final TokenClients EMULATOR = new TokenClients() {
        @Override public SecretsManagerClient secretsManager(String region) { return Emulator.secretsManager(); }

        @Override public CloudFormationClient cloudFormation(String region) {
            return CloudFormationClient.builder().region(Region.US_EAST_1).endpointOverride(Emulator.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("testing", "testing")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
    };

    private final String prefix = Emulator.newSecretPrefix();
    private final TokenVerifier verifier = new CachingTokenVerifier(
            new SecretsManagerTokenStore(Emulator.secretsManager(), prefix), Clock.systemUTC(), Duration.ZERO);

    private record Result(int code, String out, String err) {}

    private Result run(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = new TokenCommand(env, EMULATOR, Clock.systemUTC()).run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(Map.of("TOKEN_SECRET_PREFIX", prefix), args);
    }

    @Test
    void create_shouldPrintExactlyTheTokenOnStdout_andTheTokenShouldBeAccepted() {
        // when
        Result r = run("create", "--tenant", "acme");

        // then
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("scim_acme_[0-9A-Za-z]{53}\n");
        String token = r.out().strip();
        assertThat(verifier.verify(token)).isInstanceOf(Verification.Accepted.class);
        assertThat(r.err()).contains("Created API token", "acme", "\"event\":\"token.created\"")
                .doesNotContain(token);
    }

    @Test
    void create_shouldFailWithOneLineTellingToReset_whenTenantHasToken() {
        // given
        run("create", "--tenant", "acme");

        // when
        Result r = run("create", "--tenant", "acme");

        // then
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("error: tenant 'acme' already has an "
                + "active API token").contains("use 'reset'");
    }

    @Test
    void resetWithGraceThenList_shouldShowBothTokensWithoutSecrets_andAcceptBoth() {
        // given
        String first = run("create", "--tenant", "acme").out().strip();

        // when
        Result reset = run("reset", "--tenant", "acme", "--grace", "15m");
        Result list = run("list", "--tenant", "acme");

        // then
        String second = reset.out().strip();
        assertThat(reset.code()).isZero();
        assertThat(reset.out()).isEqualTo(second + "\n");
        assertThat(reset.err()).contains("keeps working until").contains("\"graceSeconds\":900");
        assertThat(verifier.verify(first)).isInstanceOf(Verification.Accepted.class);
        assertThat(verifier.verify(second)).isInstanceOf(Verification.Accepted.class);

        assertThat(list.code()).isZero();
        String[] lines = list.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("ID").contains("CREATED", "STATUS");
        assertThat(lines[1]).startsWith(id(second)).endsWith("active");
        assertThat(lines[2]).startsWith(id(first)).contains("expires ");
        for (String t : new String[] {first, second}) {
            ApiToken parsed = ((ApiToken.Parse.Parsed) ApiToken.parse(t)).token();
            assertThat(list.out() + list.err()).doesNotContain(t).doesNotContain(parsed.secret())
                    .doesNotContain(parsed.digestHex())
                    .doesNotContain(Base64.getEncoder().encodeToString(parsed.digest()));
        }
    }

    @Test
    void revoke_shouldStopEveryToken_andListShowRevoked() {
        // given
        String token = run("create", "--tenant", "acme").out().strip();

        // when
        Result r = run("revoke", "--tenant", "acme");

        // then
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(verifier.verify(token)).isInstanceOf(Verification.Rejected.class);
        assertThat(run("list", "--tenant", "acme").out()).contains(id(token)).contains("revoked");
    }

    @Test
    void run_shouldTakeSecretPrefixFromStackOutput_whenStackGiven() {
        // given: a stack whose outputs name the prefix
        String stack = "scim-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudFormationClient cfn = EMULATOR.cloudFormation(null)) {
            cfn.createStack(b -> b.stackName(stack).templateBody("""
                    {"Resources":{"Topic":{"Type":"AWS::SNS::Topic"}},
                     "Outputs":{"TokenSecretPrefix":{"Value":"%s"}}}""".formatted(prefix)));
        }

        // when
        Result r = run(Map.of(), "create", "--tenant", "globex", "--stack", stack);

        // then
        assertThat(r.code()).isZero();
        assertThat(verifier.verify(r.out().strip())).isInstanceOf(Verification.Accepted.class);
        Result missing = run(Map.of(), "list", "--tenant", "globex", "--stack", "no-such-stack");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().lines()).hasSize(1).first().asString().startsWith("error: could not read stack");
    }

    @Test
    void run_shouldExitWithUsage_whenCommandLineIsWrong() {
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("rotate", "--tenant", "acme").err()).startsWith("error: unknown command 'rotate'");
        assertThat(run("create").err()).startsWith("error: --tenant is required");
        assertThat(run("create", "--tenant", "Acme_Corp").code()).isEqualTo(2);
        assertThat(run("reset", "--tenant", "acme", "--grace", "15x").err())
                .startsWith("error: --grace '15x' is not a duration like 15m, 2h or 1d");
        assertThat(run("create", "--tenant", "acme", "--grace", "1d").err())
                .startsWith("error: --grace only applies to reset");
        assertThat(run("list", "--tenant", "acme", "--bogus", "1").code()).isEqualTo(2);
        assertThat(run(Map.of(), "list", "--tenant", "acme").err()).startsWith("error: no token secrets named");
        assertThat(run("--help").code()).isZero();
        assertThat(run("create", "--tenant").out()).isEmpty();
    }

    private static String id(String token) {
        return ((ApiToken.Parse.Parsed) ApiToken.parse(token)).token().tokenId();
    }
}
