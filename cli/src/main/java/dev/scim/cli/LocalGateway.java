package dev.scim.cli;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What API Gateway does with one request, without the HTTP server around it: route by method and path template
 * (no route → MISSING_AUTHENTICATION_TOKEN), require the authorizer's identity source (no {@code Authorization} →
 * UNAUTHORIZED without calling it), ask the authorizer, build the REST proxy event the function would receive,
 * invoke the function, and render its proxy response or the template's gateway response.
 * Thread-safe: functions are shared like warm containers and must be stateless, as ours are.
 */
final class LocalGateway {
    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";
    static final String REGION = "us-east-1";
    /** API Gateway's integration timeout; also the functions' Timeout in template.yaml. */
    static final long TIMEOUT_MILLIS = 29_000;
    /** API Gateway's payload limit for REST APIs. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /** An HTTP request as received: headers by name (any case) with every value in order. */
    record Incoming(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
            String sourceIp) {}

    /** What to send back. */
    record Outgoing(int status, Map<String, List<String>> headers, byte[] body) {}

    private final ApiTemplate template;
    private final Map<String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> functions;
    private final LocalAuthorizer authorizer;

    LocalGateway(ApiTemplate template,
            Map<String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> functions,
            LocalAuthorizer authorizer) {
        this.template = template;
        this.functions = Map.copyOf(functions);
        this.authorizer = authorizer;
    }

    Outgoing handle(Incoming in) {
        String requestId = UUID.randomUUID().toString();
        if (in.body().length > MAX_BODY_BYTES) return gatewayResponse(GatewayResponseType.REQUEST_TOO_LARGE, requestId);
        var match = template.route(in.method(), in.rawPath());
        if (match.isEmpty()) return gatewayResponse(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, requestId);
        Route route = match.get().getKey();
        Map<String, String> pathParameters = match.get().getValue();
        String path = PercentDecoding.decode(in.rawPath());
        Map<String, List<String>> headers = forwardedHeaders(in);
        Map<String, String> lastHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> lastHeaders.put(k, v.get(v.size() - 1)));
        Map<String, List<String>> query = PercentDecoding.query(in.rawQuery());
        Map<String, String> lastQuery = new LinkedHashMap<>();
        query.forEach((k, v) -> lastQuery.put(k, v.get(v.size() - 1)));

        Map<String, Object> authorizerContext = null;
        if (route.authorized()) {
            String identity = firstHeader(headers, "Authorization");
            if (identity == null || identity.isBlank()) {
                return gatewayResponse(GatewayResponseType.UNAUTHORIZED, requestId);
            }
            var event = APIGatewayCustomAuthorizerEvent.builder().withType("REQUEST")
                    .withMethodArn(methodArn(in.method(), path)).withResource(route.pathTemplate()).withPath(path)
                    .withHttpMethod(in.method()).withHeaders(lastHeaders).withQueryStringParameters(lastQuery)
                    .withPathParameters(pathParameters).withStageVariables(Map.of())
                    .withRequestContext(APIGatewayCustomAuthorizerEvent.RequestContext.builder().withPath(path)
                            .withAccountId(ACCOUNT_ID).withResourceId(route.functionId())
                            .withStage(template.stageName()).withRequestId(requestId)
                            .withIdentity(APIGatewayCustomAuthorizerEvent.Identity.builder()
                                    .withSourceIp(in.sourceIp()).build())
                            .withResourcePath(route.pathTemplate()).withHttpMethod(in.method()).withApiId(API_ID)
                            .build())
                    .build();
            var context = LocalLambdaContext.start(requestId, template.authorizerFunctionId(), TIMEOUT_MILLIS);
            switch (authorizer.authorize(identity, event, context)) {
                case AuthorizerOutcome.Allowed allowed -> authorizerContext = allowed.context();
                case AuthorizerOutcome.Refused refused -> {
                    return gatewayResponse(refused.type(), requestId);
                }
            }
        }

        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withResource(route.pathTemplate()).withPath(path).withHttpMethod(in.method())
                .withHeaders(lastHeaders).withMultiValueHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : lastQuery)
                .withMultiValueQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(requestContext(in, route, path, requestId, authorizerContext))
                .withBody(in.body().length == 0 ? null : new String(in.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false);
        APIGatewayProxyResponseEvent response;
        try {
            response = functions.get(route.functionId()).handleRequest(event,
                    LocalLambdaContext.start(requestId, route.functionId(), TIMEOUT_MILLIS));
        } catch (RuntimeException e) {
            // A function error: API Gateway answers with its 5XX gateway response. Type only, never the message.
            System.err.println(route.functionId() + " failed: " + e.getClass().getName());
            return gatewayResponse(GatewayResponseType.DEFAULT_5XX, requestId);
        }
        if (response == null || response.getStatusCode() == null) {
            System.err.println(route.functionId() + " returned a malformed proxy response");
            return gatewayResponse(GatewayResponseType.DEFAULT_5XX, requestId);
        }
        return proxyResponse(response, requestId);
    }

    /** The execute-api ARN API Gateway passes to the authorizer for this request. */
    String methodArn(String method, String path) {
        return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT_ID + ":" + API_ID + "/" + template.stageName() + "/"
                + method + path;
    }

    Outgoing gatewayResponse(GatewayResponseType type, String requestId) {
        GatewayResponse r = template.gatewayResponse(type);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        headers.putIfAbsent("Content-Type", List.of("application/json"));
        headers.put("x-amzn-RequestId", List.of(requestId));
        headers.put("x-amzn-ErrorType", List.of(type.name()));
        return new Outgoing(r.status(), headers, r.render(requestId).getBytes(StandardCharsets.UTF_8));
    }

    private static Outgoing proxyResponse(APIGatewayProxyResponseEvent response, String requestId) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> { if (k != null && v != null) headers.put(k, v); });
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> { if (k != null && v != null) headers.put(k, List.of(v)); });
        }
        headers.putIfAbsent("Content-Type", List.of("application/json"));
        headers.put("x-amzn-RequestId", List.of(requestId));
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new Outgoing(response.getStatusCode(), headers, bytes);
    }

    /**
     * The client's headers plus the X-Forwarded-* ones API Gateway adds. A proxy in front of the local API (a
     * tunnel terminating TLS) may already have set X-Forwarded-Proto; that value is kept so links stay https.
     */
    private static Map<String, List<String>> forwardedHeaders(Incoming in) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        in.headers().forEach((k, v) -> { if (k != null && v != null && !v.isEmpty()) headers.put(k, List.copyOf(v)); });
        headers.putIfAbsent("X-Forwarded-Proto", List.of("http"));
        List<String> forwardedFor = new ArrayList<>(headers.getOrDefault("X-Forwarded-For", List.of()));
        forwardedFor.add(in.sourceIp());
        headers.put("X-Forwarded-For", List.of(String.join(", ", forwardedFor)));
        return new LinkedHashMap<>(headers);
    }

    private ProxyRequestContext requestContext(Incoming in, Route route, String path, String requestId,
            Map<String, Object> authorizerContext) {
        var rc = new ProxyRequestContext().withAccountId(ACCOUNT_ID).withApiId(API_ID)
                .withResourceId(route.functionId()).withResourcePath(route.pathTemplate())
                .withHttpMethod(in.method()).withStage(template.stageName())
                // No stage prefix: the local API serves at the root, like API Gateway on a custom domain.
                .withPath(path).withRequestId(requestId).withExtendedRequestId(requestId)
                .withRequestTimeEpoch(System.currentTimeMillis()).withProtocol("HTTP/1.1")
                .withIdentity(new RequestIdentity().withSourceIp(in.sourceIp())
                        .withUserAgent(firstHeader(in.headers(), "User-Agent")));
        String host = firstHeader(in.headers(), "Host");
        if (host != null) rc.setDomainName(host);
        if (authorizerContext != null) rc.setAuthorizer(new HashMap<>(authorizerContext));
        return rc;
    }

    private static String firstHeader(Map<String, List<String>> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
