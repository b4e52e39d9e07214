package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.scim.core.testing.Emulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The events the gateway builds for the authorizer and the function, and how it renders what they answer. */
class LocalGatewayTest {
    private static final ApiTemplate TEMPLATE = ApiTemplate.load(Emulator.repoRoot().resolve("template.yaml"));

    private final AtomicReference<APIGatewayCustomAuthorizerEvent> authorizerEvent = new AtomicReference<>();
    private final AtomicReference<APIGatewayProxyRequestEvent> functionEvent = new AtomicReference<>();

    private final RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> allowAll = (event, ctx) -> {
        authorizerEvent.set(event);
        return IamPolicyResponseV1.builder().withPrincipalId("acme-principal")
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponseV1.allowStatement("*"))).build())
                .withContext(Map.of("tenant", "acme", "tokenId", "tok-1", "issuedAt", 17)).build();
    };

    private LocalGateway gateway(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> fn) {
        Map<String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> functions = new HashMap<>();
        TEMPLATE.routes().forEach(r -> functions.put(r.functionId(), fn));
        return new LocalGateway(TEMPLATE, functions, new LocalAuthorizer(allowAll, Duration.ZERO, System::nanoTime));
    }

    private static LocalGateway.Incoming get(String rawPath, String rawQuery, Map<String, List<String>> headers) {
        return new LocalGateway.Incoming("GET", rawPath, rawQuery, headers, new byte[0], "127.0.0.1");
    }

    private static final Map<String, List<String>> HEADERS = Map.of("Authorization", List.of("Bearer t"),
            "Host", List.of("127.0.0.1:8080"), "User-agent", List.of("Okta SCIM Client 1.0.0"),
            "Accept", List.of("application/json", "application/scim+json"));

    @Test
    void handle_shouldGiveTheAuthorizerARequestEventWithMethodArnHeadersAndSourceIp() {
        gateway((e, c) -> new APIGatewayProxyResponseEvent().withStatusCode(200))
                .handle(get("/scim/v1/Users/u%201", "count=5", HEADERS));

        APIGatewayCustomAuthorizerEvent event = authorizerEvent.get();
        assertThat(event.getType()).isEqualTo("REQUEST");
        assertThat(event.getMethodArn())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:local/prod/GET/scim/v1/Users/u 1");
        assertThat(event.getResource()).isEqualTo("/scim/v1/Users/{id}");
        assertThat(event.getHeaders()).containsEntry("Authorization", "Bearer t")
                .containsEntry("User-agent", "Okta SCIM Client 1.0.0");
        assertThat(event.getPathParameters()).containsEntry("id", "u 1");
        assertThat(event.getQueryStringParameters()).containsEntry("count", "5");
        assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getStage()).isEqualTo("prod");
    }

    @Test
    void handle_shouldGiveTheFunctionTheProxyEventApiGatewayWouldSend() {
        gateway((e, c) -> {
            functionEvent.set(e);
            return new APIGatewayProxyResponseEvent().withStatusCode(200);
        }).handle(get("/scim/v1/Users/u1", "filter=a%2Bb+c&filter=second", HEADERS));

        APIGatewayProxyRequestEvent event = functionEvent.get();
        assertThat(event.getResource()).isEqualTo("/scim/v1/Users/{id}");
        assertThat(event.getPath()).isEqualTo("/scim/v1/Users/u1");
        assertThat(event.getHttpMethod()).isEqualTo("GET");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("id", "u1"));
        assertThat(event.getQueryStringParameters()).containsEntry("filter", "second");
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("filter", List.of("a+b+c", "second"));
        assertThat(event.getMultiValueHeaders()).containsEntry("Accept", List.of("application/json", "application/scim+json"))
                .containsEntry("X-Forwarded-Proto", List.of("http"))
                .containsEntry("X-Forwarded-For", List.of("127.0.0.1"));
        assertThat(event.getHeaders()).containsEntry("Host", "127.0.0.1:8080");
        assertThat(event.getBody()).isNull();
        var rc = event.getRequestContext();
        assertThat(rc.getPath()).isEqualTo("/scim/v1/Users/u1");
        assertThat(rc.getResourcePath()).isEqualTo("/scim/v1/Users/{id}");
        assertThat(rc.getStage()).isEqualTo("prod");
        assertThat(rc.getRequestId()).isNotBlank();
        assertThat(rc.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(rc.getIdentity().getUserAgent()).isEqualTo("Okta SCIM Client 1.0.0");
        assertThat(rc.getAuthorizer()).isEqualTo(Map.of("principalId", "acme-principal", "tenant", "acme",
                "tokenId", "tok-1", "issuedAt", "17"));
    }

    @Test
    void handle_shouldKeepForwardedProto_whenAProxyInFrontSetIt() {
        Map<String, List<String>> headers = new HashMap<>(HEADERS);
        headers.put("X-Forwarded-Proto", List.of("https"));
        gateway((e, c) -> {
            functionEvent.set(e);
            return new APIGatewayProxyResponseEvent().withStatusCode(200);
        }).handle(get("/scim/v1/Users", null, headers));

        assertThat(functionEvent.get().getHeaders()).containsEntry("X-Forwarded-Proto", "https");
        assertThat(functionEvent.get().getQueryStringParameters()).isNull();
        assertThat(functionEvent.get().getPathParameters()).isNull();
    }

    @Test
    void handle_shouldRenderProxyResponseHeadersAndDecodedBody() {
        var out = gateway((e, c) -> new APIGatewayProxyResponseEvent().withStatusCode(201)
                .withHeaders(Map.of("ETag", "W/\"1\"", "Content-Type", "application/scim+json"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Authorization")))
                .withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString("{\"id\":\"u1\"}".getBytes(StandardCharsets.UTF_8))))
                .handle(get("/scim/v1/Users", null, HEADERS));

        assertThat(out.status()).isEqualTo(201);
        assertThat(out.headers()).containsEntry("ETag", List.of("W/\"1\""))
                .containsEntry("Content-Type", List.of("application/scim+json"))
                .containsEntry("Vary", List.of("Accept", "Authorization"));
        assertThat(new String(out.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"u1\"}");
    }

    @Test
    void handle_shouldAnswerDefault5xx_whenTheFunctionThrowsOrAnswersWithoutStatus() {
        for (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> broken : List.<
                RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>of(
                (e, c) -> { throw new IllegalStateException("boom"); },
                (e, c) -> new APIGatewayProxyResponseEvent().withBody("no status"))) {
            var out = gateway(broken).handle(get("/scim/v1/Users", null, HEADERS));

            String requestId = out.headers().get("x-amzn-RequestId").get(0);
            assertThat(out.status()).isEqualTo(TEMPLATE.gatewayResponse(GatewayResponseType.DEFAULT_5XX).status());
            assertThat(new String(out.body(), StandardCharsets.UTF_8))
                    .isEqualTo(TEMPLATE.gatewayResponse(GatewayResponseType.DEFAULT_5XX).render(requestId))
                    .contains(requestId).doesNotContain("boom");
        }
    }

    @Test
    void handle_shouldAnswer413_whenBodyExceedsApiGatewaysLimit() {
        var out = gateway((e, c) -> new APIGatewayProxyResponseEvent().withStatusCode(200)).handle(
                new LocalGateway.Incoming("POST", "/scim/v1/Users", null, HEADERS,
                        new byte[LocalGateway.MAX_BODY_BYTES + 1], "127.0.0.1"));

        assertThat(out.status()).isEqualTo(413);
    }
}
