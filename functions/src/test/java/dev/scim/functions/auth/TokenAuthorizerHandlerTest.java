package dev.scim.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import dev.scim.core.testing.Emulator;
import dev.scim.core.token.CachingTokenVerifier;
import dev.scim.core.token.SecretsManagerTokenStore;
import dev.scim.core.token.TokenAdmin;
import dev.scim.core.token.TokenMaterialStore;
import dev.scim.core.token.TokenRecord;
import dev.scim.core.token.TokenShard;
import dev.scim.core.token.TokenStoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TokenAuthorizerHandlerTest {
    private static final String EVENT_TOKEN = "scim_acme_EXAMPLE000abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

    private final Clock clock = Clock.systemUTC();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), clock);
    private final SecretsManagerTokenStore store =
            new SecretsManagerTokenStore(Emulator.secretsManager(), Emulator.newSecretPrefix());
    private final TokenAuthorizerHandler handler =
            new TokenAuthorizerHandler(new CachingTokenVerifier(store, clock, Duration.ZERO), log);

    private static APIGatewayCustomAuthorizerEvent event() {
        return EventLoader.loadAPIGatewayCustomAuthorizerEvent(
                Emulator.repoRoot().resolve("events/authorizer.json").toString());
    }

    private static APIGatewayCustomAuthorizerEvent eventWith(String headerName, String value) {
        APIGatewayCustomAuthorizerEvent e = event();
        var headers = new HashMap<>(e.getHeaders());
        headers.remove("authorization");
        if (value != null) headers.put(headerName, value);
        e.setHeaders(headers);
        return e;
    }

    private void registerEventToken() {
        new TokenAdmin(store, clock, new SecureRandom(), log).register("acme", EVENT_TOKEN);
        logBytes.reset();
    }

    @Test
    void handleRequest_shouldAllowWholeApiWithTenantContext_whenEventTokenIsValid() {
        // given
        registerEventToken();

        // when
        IamPolicyResponseV1 response = handler.handleRequest(event(), null);

        // then
        JsonNode policy = Json.MAPPER.valueToTree(response.getPolicyDocument());
        assertThat(policy.at("/Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.at("/Statement/0/Effect").asText()).isEqualTo("Allow");
        assertThat(policy.at("/Statement/0/Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(policy.at("/Statement/0/Resource/0").asText())
                .isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*/*");
        assertThat(policy.at("/Statement")).hasSize(1);
        assertThat(response.getPrincipalId()).isEqualTo("acme:EXAMPLE000");
        assertThat(response.getContext()).containsEntry("tenant", "acme").containsEntry("tokenId", "EXAMPLE000")
                .hasSize(2);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void handleRequest_shouldReadAuthorizationHeaderInAnyCase_andBareToken() {
        registerEventToken();
        assertThat(handler.handleRequest(eventWith("AUTHORIZATION", EVENT_TOKEN), null).getPrincipalId())
                .isEqualTo("acme:EXAMPLE000");
        assertThat(handler.handleRequest(eventWith("Authorization", "  bearer " + EVENT_TOKEN + " "), null)
                .getPrincipalId()).isEqualTo("acme:EXAMPLE000");
    }

    @Test
    void handleRequest_shouldThrowUnauthorizedAndAudit_whenSecretIsWrong() throws Exception {
        // given
        registerEventToken();
        String wrong = EVENT_TOKEN.substring(0, EVENT_TOKEN.length() - 1) + "R";

        // when / then
        assertThatThrownBy(() -> handler.handleRequest(eventWith("Authorization", "Bearer " + wrong), null))
                .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        JsonNode line = Json.parse(logged.strip());
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("event").asText()).isEqualTo("auth.rejected");
        assertThat(line.get("reason").asText()).isEqualTo("invalid secret");
        assertThat(line.get("tenant").asText()).isEqualTo("acme");
        assertThat(line.get("tokenId").asText()).isEqualTo("EXAMPLE000");
        assertThat(line.get("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(line.get("userAgent").asText()).isEqualTo("Okta SCIM Client 1.0.0");
        assertThat(line.get("requestId").asText()).isEqualTo("8d7f3c2a-0f6e-4b1d-9a3c-2e5b7c9d1f40");
        assertThat(logged).doesNotContain(wrong).doesNotContain(EVENT_TOKEN)
                .doesNotContain(wrong.substring(20)).doesNotContain(EVENT_TOKEN.substring(20));
    }

    @Test
    void handleRequest_shouldThrowUnauthorized_whenTokenUnknownMissingOrMalformed() throws Exception {
        // given: the event's token was never issued
        assertThatThrownBy(() -> handler.handleRequest(event(), null)).hasMessage("Unauthorized");
        assertThatThrownBy(() -> handler.handleRequest(eventWith("Authorization", null), null))
                .hasMessage("Unauthorized");
        assertThatThrownBy(() -> handler.handleRequest(eventWith("Authorization", "Basic dXNlcjpwYXNz"), null))
                .hasMessage("Unauthorized");

        // then
        List<JsonNode> lines = logBytes.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try { return Json.parse(l); } catch (Exception e) { throw new IllegalStateException(e); }
        }).toList();
        assertThat(lines).extracting(l -> l.get("reason").asText())
                .containsExactly("unknown token", "missing token", "malformed: wrong prefix");
        assertThat(lines.get(0).get("tenant").asText()).isEqualTo("acme");
        assertThat(lines.get(1).has("tenant")).isFalse();
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain("dXNlcjpwYXNz");
    }

    @Test
    void handleRequest_shouldFailWithoutVerdict_whenTokenStoreIsUnavailable() {
        // given
        TokenMaterialStore broken = new TokenMaterialStore() {
            @Override public TokenShard readShard(String shard) {
                throw new TokenStoreException("Secrets Manager could not read secret x (AccessDeniedException)");
            }
            @Override public List<TokenRecord> update(String t, UnaryOperator<List<TokenRecord>> c) {
                throw new UnsupportedOperationException();
            }
        };
        var h = new TokenAuthorizerHandler(new CachingTokenVerifier(broken, clock, Duration.ZERO), log);

        // then: a 500 from API Gateway, not a 401 that would make the IdP think the token is wrong
        assertThatThrownBy(() -> h.handleRequest(event(), null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("token store unavailable");
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("\"event\":\"auth.error\"")
                .doesNotContain(EVENT_TOKEN);
    }

    @Test
    void wholeApi_shouldCoverEveryMethodAndPath_orBeNullForOtherShapes() {
        assertThat(TokenAuthorizerHandler.wholeApi(
                "arn:aws:execute-api:us-east-1:123456789012:abc/dev/PATCH/scim/v2/Groups/42"))
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc/dev/*/*");
        assertThat(TokenAuthorizerHandler.wholeApi("arn:aws-cn:execute-api:cn-north-1:1:abc/v1/GET/"))
                .isEqualTo("arn:aws-cn:execute-api:cn-north-1:1:abc/v1/*/*");
        assertThat(TokenAuthorizerHandler.wholeApi("arn:aws:lambda:us-east-1:1:function/x")).isNull();
        assertThat(TokenAuthorizerHandler.wholeApi(null)).isNull();
    }
}
