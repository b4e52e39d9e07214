package dev.scim.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import dev.scim.core.wire.ScimRequest;
import dev.scim.core.wire.ScimResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayAdapterTest {

    private static APIGatewayProxyRequestEvent event(String method, String path, String contextPath) {
        var rc = new ProxyRequestContext().withRequestId("req-1").withPath(contextPath).withStage("prod");
        rc.setAuthorizer(new HashMap<>(Map.of("principalId", "acme", "tenant", "acme", "tokenId", "t1")));
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withPath(path).withRequestContext(rc)
                .withHeaders(new HashMap<>(Map.of("Host", "abc.execute-api.eu-west-1.amazonaws.com",
                        "X-Forwarded-Proto", "https")));
    }

    @Test
    void toScimRequest_shouldCarryMethodPathParametersAndTenant_whenEventIsComplete() {
        var event = event("patch", "/scim/v1/Users/u1", "/prod/scim/v1/Users/u1")
                .withPathParameters(Map.of("id", "u1")).withBody("{\"active\":false}");

        ScimRequest request = ApiGatewayAdapter.toScimRequest(event, null);

        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.path()).isEqualTo("/scim/v1/Users/u1");
        assertThat(request.pathParam("id")).hasValue("u1");
        assertThat(request.body()).isEqualTo("{\"active\":false}");
        assertThat(request.tenant()).isEqualTo("acme");
        assertThat(request.requestId()).isEqualTo("req-1");
    }

    @Test
    void toScimRequest_shouldDecodeBody_whenEventIsBase64Encoded() {
        String json = "{\"userName\":\"zoë@example.com\"}";
        var event = event("POST", "/scim/v1/Users", "/prod/scim/v1/Users").withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).body()).isEqualTo(json);
    }

    @Test
    void toScimRequest_shouldKeepBodyAsIs_whenFlaggedBase64ButNotDecodable() {
        var event = event("POST", "/scim/v1/Users", "/prod/scim/v1/Users").withIsBase64Encoded(true)
                .withBody("{not base64!}");

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).body()).isEqualTo("{not base64!}");
    }

    @Test
    void toScimRequest_shouldLookUpHeadersCaseInsensitively_andMergeMultiValueHeaders() {
        var event = event("GET", "/scim/v1/Users", "/prod/scim/v1/Users");
        event.getHeaders().put("authorization", "Bearer abc");
        event.withMultiValueHeaders(Map.of("If-Match", List.of("W/\"1\"", "W/\"2\""), "accept", List.of("application/json")));

        ScimRequest request = ApiGatewayAdapter.toScimRequest(event, null);

        assertThat(request.header("Authorization")).hasValue("Bearer abc");
        assertThat(request.header("AUTHORIZATION")).hasValue("Bearer abc");
        assertThat(request.header("if-match")).hasValue("W/\"1\", W/\"2\"");
        assertThat(request.header("Accept")).hasValue("application/json");
    }

    @Test
    void toScimRequest_shouldKeepPlusAndDecodedSpaces_inQueryValues() {
        // API Gateway percent-decodes (%20 → space, %2B → +) but never turns + into a space.
        var event = event("GET", "/scim/v1/Users", "/prod/scim/v1/Users").withQueryStringParameters(
                Map.of("filter", "userName eq \"a+b@example.com\"", "other", "userName+eq+\"x\""));

        ScimRequest request = ApiGatewayAdapter.toScimRequest(event, null);

        assertThat(request.queryParam("filter")).hasValue("userName eq \"a+b@example.com\"");
        assertThat(request.queryParam("other")).hasValue("userName+eq+\"x\"");
    }

    @Test
    void toScimRequest_shouldTakeFirstValue_whenQueryParameterRepeats() {
        var event = event("GET", "/scim/v1/Users", "/prod/scim/v1/Users")
                .withQueryStringParameters(Map.of("count", "20"))
                .withMultiValueQueryStringParameters(Map.of("count", List.of("10", "20")));

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).queryParam("count")).hasValue("10");
    }

    @Test
    void toScimRequest_shouldIncludeStagePrefixInBaseUrl_whenCalledOnExecuteApiDomain() {
        var event = event("GET", "/scim/v1/Users/u1", "/prod/scim/v1/Users/u1");

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).baseUrl())
                .isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com/prod");
    }

    @Test
    void toScimRequest_shouldKeepStagePrefix_whenContextPathEncodesTheIdDifferently() {
        var event = event("GET", "/scim/v1/Users/a b", "/prod/scim/v1/Users/a%20b");

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).baseUrl())
                .isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com/prod");
    }

    @Test
    void toScimRequest_shouldLeaveStageOut_whenCalledOnCustomDomainOrLocally() {
        var event = event("GET", "/scim/v1/Users", "/scim/v1/Users");
        event.getHeaders().put("Host", "scim.example.com");

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).baseUrl()).isEqualTo("https://scim.example.com");
    }

    @Test
    void toScimRequest_shouldUseForwardedScheme_whenProtoHeaderIsHttp() {
        var event = event("GET", "/scim/v1/Users", "/scim/v1/Users");
        event.getHeaders().put("Host", "127.0.0.1:8080");
        event.getHeaders().put("X-Forwarded-Proto", "http");

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).baseUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void toScimRequest_shouldDefaultToHttps_whenNoForwardedProto() {
        var event = event("GET", "/scim/v1/Users", "/scim/v1/Users");
        event.getHeaders().remove("X-Forwarded-Proto");

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).baseUrl())
                .isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com");
    }

    @Test
    void toScimRequest_shouldLeaveTenantNull_whenAuthorizerContextIsMissing() {
        var event = event("GET", "/scim/v1/Users", "/scim/v1/Users");
        event.getRequestContext().setAuthorizer(null);

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).tenant()).isNull();

        event.getRequestContext().setAuthorizer(new HashMap<String, Object>(Map.of("principalId", "x")));
        assertThat(ApiGatewayAdapter.toScimRequest(event, null).tenant()).isNull();
    }

    @Test
    void toScimRequest_shouldNotThrow_whenEventIsEmpty() {
        ScimRequest request = ApiGatewayAdapter.toScimRequest(new APIGatewayProxyRequestEvent(), null);

        assertThat(request.method()).isEmpty();
        assertThat(request.path()).isEmpty();
        assertThat(request.tenant()).isNull();
        assertThat(request.query()).isEmpty();
        assertThat(request.headers()).isEmpty();
        assertThat(request.baseUrl()).isEqualTo("https://localhost");
    }

    @Test
    void toScimRequest_shouldUseLambdaRequestId_whenEventHasNone() {
        var event = event("GET", "/scim/v1/Users", "/scim/v1/Users");
        event.getRequestContext().setRequestId(null);

        assertThat(ApiGatewayAdapter.toScimRequest(event, new TestContext("lambda-req-9")).requestId())
                .isEqualTo("lambda-req-9");
    }

    @Test
    void toProxyResponse_shouldCopyStatusHeadersAndBody() {
        var response = ApiGatewayAdapter.toProxyResponse(new ScimResponse(201,
                Map.of("Content-Type", "application/json", "ETag", "W/\"1\""), "{\"id\":\"u1\"}"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("ETag", "W/\"1\"").containsEntry("Content-Type", "application/json");
        assertThat(response.getBody()).isEqualTo("{\"id\":\"u1\"}");
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void toProxyResponse_shouldHaveNullBody_when204() {
        var response = ApiGatewayAdapter.toProxyResponse(new ScimResponse(204, Map.of(), null));

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
    }
}
