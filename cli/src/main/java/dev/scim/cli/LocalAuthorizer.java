package dev.scim.cli;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The REQUEST authorizer as API Gateway runs it: the policy it returns is cached per identity source (the
 * {@code Authorization} header value) for the TTL and evaluated against each request's method ARN, so a cached
 * answer for one route serves another only if its policy covers it. "Unauthorized" answers and failures are not
 * cached, so a freshly reset token works at once. Thread-safe; two concurrent misses may both call the authorizer,
 * as in API Gateway.
 */
final class LocalAuthorizer {
    /** The message an authorizer throws to make API Gateway answer 401. */
    static final String UNAUTHORIZED = "Unauthorized";
    private static final int MAX_ENTRIES = 10_000;

    private record Cached(IamPolicyResponseV1 policy, long expiresAtNanos) {}

    private final RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> handler;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    LocalAuthorizer(RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> handler, Duration ttl,
            LongSupplier nanoTime) {
        this.handler = handler;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    AuthorizerOutcome authorize(String identity, APIGatewayCustomAuthorizerEvent event, Context context) {
        IamPolicyResponseV1 policy = cached(identity);
        if (policy == null) {
            try {
                policy = handler.handleRequest(event, context);
            } catch (RuntimeException e) {
                if (UNAUTHORIZED.equals(e.getMessage())) {
                    return new AuthorizerOutcome.Refused(GatewayResponseType.UNAUTHORIZED);
                }
                // The exception's type only: its message may quote the presented token.
                System.err.println("authorizer failed: " + e.getClass().getName());
                return new AuthorizerOutcome.Refused(GatewayResponseType.AUTHORIZER_FAILURE);
            }
            if (policy == null || policy.getPrincipalId() == null || policy.getPolicyDocument() == null) {
                return new AuthorizerOutcome.Refused(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR);
            }
            remember(identity, policy);
        }
        if (!IamPolicy.allows(policy.getPolicyDocument(), event.getMethodArn())) {
            return new AuthorizerOutcome.Refused(GatewayResponseType.ACCESS_DENIED);
        }
        // API Gateway hands the context to the integration with string values, plus the principal id.
        Map<String, Object> forwarded = new HashMap<>();
        if (policy.getContext() != null) policy.getContext().forEach((k, v) -> {
            if (k != null && v != null) forwarded.put(k, v.toString());
        });
        forwarded.put("principalId", policy.getPrincipalId());
        return new AuthorizerOutcome.Allowed(forwarded);
    }

    private IamPolicyResponseV1 cached(String identity) {
        if (ttlNanos <= 0) return null;
        Cached c = cache.get(identity);
        if (c == null) return null;
        if (nanoTime.getAsLong() - c.expiresAtNanos() >= 0) {
            cache.remove(identity, c);
            return null;
        }
        return c.policy();
    }

    private void remember(String identity, IamPolicyResponseV1 policy) {
        if (ttlNanos <= 0) return;
        if (cache.size() >= MAX_ENTRIES) cache.clear(); // a local server: crude bound beats unbounded growth
        cache.put(identity, new Cached(policy, nanoTime.getAsLong() + ttlNanos));
    }
}
