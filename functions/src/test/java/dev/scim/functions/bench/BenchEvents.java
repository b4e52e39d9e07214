package dev.scim.functions.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Map;
import java.util.UUID;

/** API Gateway proxy events as the benchmarks send them (built in code: the probe runs on the deployment jar). */
final class BenchEvents {
    private BenchEvents() {}

    static APIGatewayProxyRequestEvent event(String method, String path, Map<String, String> pathParams,
            Map<String, String> query, String body) {
        var ctx = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        ctx.setRequestId(UUID.randomUUID().toString());
        ctx.setStage("prod");
        ctx.setPath("/prod" + path);
        ctx.setAuthorizer(Map.of("tenant", "bench", "tokenId", "BENCH00000", "principalId", "bench:BENCH00000"));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withPathParameters(pathParams)
                .withQueryStringParameters(query)
                .withHeaders(Map.of("Host", "abc123.execute-api.eu-west-1.amazonaws.com",
                        "Content-Type", "application/json", "User-Agent", "Okta SCIM Client 1.0.0"))
                .withRequestContext(ctx)
                .withBody(body);
    }
}
