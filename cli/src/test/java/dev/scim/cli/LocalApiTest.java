package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.scim.core.json.Json;
import dev.scim.core.testing.Emulator;
import dev.scim.core.testing.RecordingOperations;
import dev.scim.core.token.TokenVerifier;
import dev.scim.core.token.Verification;
import dev.scim.core.wire.ScimRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local API over real HTTP: routing, authorizer handling and gateway responses as API Gateway does them. */
class LocalApiTest {
    private static final String GOOD = "Bearer good-token";
    private static final ApiTemplate TEMPLATE = ApiTemplate.load(Emulator.repoRoot().resolve("template.yaml"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RecordingOperations operations = new RecordingOperations();
    private final AtomicInteger verifications = new AtomicInteger();
    private final TokenVerifier verifier = header -> {
        verifications.incrementAndGet();
        return header != null && header.equals(GOOD)
                ? new Verification.Accepted("acme", "tok-1")
                : new Verification.Rejected("unknown token", null, null);
    };
    private LocalApi api;

    @AfterEach
    void stop() {
        if (api != null) api.close();
    }

    private static LocalOptions options(Duration ttl) {
        return LocalOptions.defaults().withPort(0).withAuthCacheTtl(ttl)
                .withTemplate(Emulator.repoRoot().resolve("template.yaml"));
    }

    /**
     * An authorizer of the shape the token authorizer has: verifies the Authorization header, throws
     * "Unauthorized" when rejected, allows the whole API with tenant and token id as context otherwise.
     * {@code scope} turns the method ARN into the policy's resource.
     */
    private RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> authorizer(
            Function<String, String> scope) {
        return (event, context) -> {
            String header = event.getHeaders().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("Authorization")).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            return switch (verifier.verify(header)) {
                case Verification.Accepted ok -> IamPolicyResponseV1.builder().withPrincipalId("tenant:" + ok.tenant())
                        .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                                .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                                .withStatement(List.of(IamPolicyResponseV1.allowStatement(
                                        scope.apply(event.getMethodArn()))))
                                .build())
                        .withContext(Map.of("tenant", ok.tenant(), "tokenId", ok.tokenId())).build();
                case Verification.Rejected no -> throw new RuntimeException("Unauthorized");
            };
        };
    }

    private static String wholeApi(String methodArn) { return methodArn.substring(0, methodArn.indexOf('/')) + "/*"; }

    private void startWith(Duration ttl) {
        api = LocalApi.start(options(ttl), operations, authorizer(LocalApiTest::wholeApi));
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String authorization, String body)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) b.header("Authorization", authorization);
        if (body != null) b.header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rendered(GatewayResponseType type, HttpResponse<String> response) {
        return TEMPLATE.gatewayResponse(type).render(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void start_shouldServeOnLoopbackWithScimV1BaseUrl() {
        startWith(Duration.ZERO);

        assertThat(api.port()).isPositive();
        assertThat(api.baseUrl()).isEqualTo("http://127.0.0.1:" + api.port() + "/scim/v1");
    }

    @Test
    void request_shouldReachTheRoutedOperationWithPathParameterTenantAndBaseUrl_whenTokenIsValid() throws Exception {
        startWith(Duration.ZERO);

        var response = send("PUT", "/scim/v1/Users/2819c223", GOOD, "{\"userName\":\"a@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Operation")).hasValue("replaceUser");
        ScimRequest request = operations.lastCall().request();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/scim/v1/Users/2819c223");
        assertThat(request.pathParam("id")).hasValue("2819c223");
        assertThat(request.tenant()).isEqualTo("acme");
        assertThat(request.body()).isEqualTo("{\"userName\":\"a@example.com\"}");
        assertThat(request.baseUrl()).isEqualTo("http://127.0.0.1:" + api.port());
        assertThat(request.requestId()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void request_shouldRouteEachMethodAndPathToItsOwnFunction() throws Exception {
        startWith(Duration.ZERO);
        Map<String, String> expected = Map.of(
                "GET /scim/v1/Users", "listUsers", "POST /scim/v1/Users", "createUser",
                "GET /scim/v1/Users/u1", "getUser", "PATCH /scim/v1/Users/u1", "patchUser",
                "DELETE /scim/v1/Users/u1", "deleteUser", "GET /scim/v1/Groups/g1", "getGroup",
                "PATCH /scim/v1/Groups/g1", "patchGroup", "GET /scim/v1/ServiceProviderConfigs", "serviceProviderConfig",
                "DELETE /scim/v1/Schemas/urn:x", "schemas", "POST /scim/v1/ResourceTypes", "resourceTypes");

        for (var e : expected.entrySet()) {
            String[] mp = e.getKey().split(" ");
            var response = send(mp[0], mp[1], GOOD, mp[0].equals("GET") || mp[0].equals("DELETE") ? null : "{}");
            assertThat(response.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(operations.lastCall().operation()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void request_shouldPassQueryValuesPercentDecodedWithPlusKept() throws Exception {
        startWith(Duration.ZERO);

        send("GET", "/scim/v1/Users?filter=userName%20eq%20%22a%2Bb%40example.com%22&startIndex=1&raw=x+y", GOOD, null);

        ScimRequest request = operations.lastCall().request();
        assertThat(request.queryParam("filter")).hasValue("userName eq \"a+b@example.com\"");
        assertThat(request.queryParam("startIndex")).hasValue("1");
        assertThat(request.queryParam("raw")).hasValue("x+y");
    }

    @Test
    void request_shouldGetTheMissingAuthenticationTokenResponse_whenNoRouteMatches() throws Exception {
        startWith(Duration.ZERO);

        var unknownPath = send("GET", "/scim/v1/Nope", GOOD, null);
        var unknownMethod = send("POST", "/scim/v1/Users/u1", GOOD, "{}");

        for (var response : List.of(unknownPath, unknownMethod)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo(rendered(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, response));
        }
        assertThat(operations.calls()).isEmpty();
        assertThat(verifications).hasValue(0);
    }

    @Test
    void request_shouldGet401WithoutCallingTheAuthorizer_whenAuthorizationHeaderIsMissing() throws Exception {
        startWith(Duration.ZERO);

        var response = send("GET", "/scim/v1/Users", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(rendered(GatewayResponseType.UNAUTHORIZED, response));
        assertThat(Json.parse(response.body()).path("detail").asText()).contains("API token");
        assertThat(verifications).hasValue(0);
        assertThat(operations.calls()).isEmpty();
    }

    @Test
    void request_shouldGet401FromTheAuthorizer_whenTokenIsWrong() throws Exception {
        startWith(Duration.ofMinutes(5));

        var first = send("GET", "/scim/v1/Users", "Bearer wrong", null);
        var second = send("GET", "/scim/v1/Users", "Bearer wrong", null);

        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.body()).isEqualTo(rendered(GatewayResponseType.UNAUTHORIZED, first));
        assertThat(second.statusCode()).isEqualTo(401);
        // A rejection is not cached: a token fixed in the identity provider works at once.
        assertThat(verifications).hasValue(2);
        assertThat(operations.calls()).isEmpty();
    }

    @Test
    void authorizerResult_shouldBeCachedPerToken_whenTtlIsPositive() throws Exception {
        startWith(Duration.ofMinutes(5));

        send("GET", "/scim/v1/Users", GOOD, null);
        send("GET", "/scim/v1/Groups", GOOD, null);
        send("GET", "/scim/v1/Users/u1", GOOD, null);

        assertThat(verifications).hasValue(1);
        assertThat(operations.calls()).hasSize(3).allSatisfy(c -> assertThat(c.request().tenant()).isEqualTo("acme"));
    }

    @Test
    void authorizer_shouldBeCalledEveryTime_whenTtlIsZero() throws Exception {
        startWith(Duration.ZERO);

        send("GET", "/scim/v1/Users", GOOD, null);
        send("GET", "/scim/v1/Users", GOOD, null);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void cachedPolicy_shouldBeEvaluatedPerRoute_likeApiGateway() throws Exception {
        // A policy naming only the method ARN it was issued for is the classic cached-authorizer mistake:
        // API Gateway then refuses the same token on every other route until the cache entry expires.
        api = LocalApi.start(options(Duration.ofMinutes(5)), operations, authorizer(arn -> arn));

        var first = send("GET", "/scim/v1/Users", GOOD, null);
        var other = send("GET", "/scim/v1/Groups", GOOD, null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).isEqualTo(rendered(GatewayResponseType.ACCESS_DENIED, other));
    }

    @Test
    void request_shouldGet403_whenAuthorizerDenies() throws Exception {
        api = LocalApi.start(options(Duration.ZERO), operations, (event, context) -> IamPolicyResponseV1.builder()
                .withPrincipalId("acme").withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponseV1.denyStatement("*"))).build()).build());

        var response = send("GET", "/scim/v1/Users", GOOD, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(rendered(GatewayResponseType.ACCESS_DENIED, response));
        assertThat(operations.calls()).isEmpty();
    }

    @Test
    void request_shouldGetAuthorizerFailure_whenAuthorizerThrowsAnythingElse() throws Exception {
        api = LocalApi.start(options(Duration.ZERO), operations, (event, context) -> {
            throw new IllegalStateException("Secrets Manager unreachable");
        });

        var response = send("GET", "/scim/v1/Users", GOOD, null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo(rendered(GatewayResponseType.AUTHORIZER_FAILURE, response))
                .doesNotContain("Secrets Manager");
    }

    @Test
    void request_shouldGetTheDefault5xxResponseWithRequestId_whenTheFunctionThrows() throws Exception {
        startWith(Duration.ZERO);
        operations.respondWith((op, request) -> {
            throw new IllegalStateException("internal detail");
        });

        var response = send("GET", "/scim/v1/Users/u1", GOOD, null);

        // The handler's own safety net answers (as in Lambda); the body carries the request id, not the detail.
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains(requestId).doesNotContain("internal detail");
        assertThat(Json.parse(response.body()).path("Errors").get(0).path("code").asText()).isEqualTo("500");
    }

    @Test
    void requests_shouldBeServedConcurrently() throws Exception {
        startWith(Duration.ofMinutes(5));
        int parallel = 4;
        CyclicBarrier allInside = new CyclicBarrier(parallel);
        operations.respondWith((op, request) -> {
            try {
                // Completes only if all requests are inside the core at the same time.
                allInside.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return new dev.scim.core.wire.ScimResponse(503, Map.of(), "{}");
            }
            return RecordingOperations.echo(op, request);
        });

        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            futures.add(http.sendAsync(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/Users/u" + i))
                    .header("Authorization", GOOD).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        for (var f : futures) assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(operations.calls()).hasSize(parallel);
    }

    /** The template's own authorizer class; passes once the tokens branch (dev.scim.functions.auth) is merged. */
    @Test
    void start_shouldUseTheTemplatesAuthorizerClass_whenGivenATokenVerifier() throws Exception {
        api = LocalApi.start(options(Duration.ZERO), operations, verifier);

        var ok = send("GET", "/scim/v1/Users/u1", GOOD, null);
        var bad = send("GET", "/scim/v1/Users/u1", "Bearer wrong", null);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(operations.lastCall().request().tenant()).isEqualTo("acme");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo(rendered(GatewayResponseType.UNAUTHORIZED, bad));
        assertThat(verifications).hasValue(2);
    }
}
