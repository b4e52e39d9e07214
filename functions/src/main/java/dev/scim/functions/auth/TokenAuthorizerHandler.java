package dev.scim.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.scim.core.log.JsonLog;
import dev.scim.core.token.CachingTokenVerifier;
import dev.scim.core.token.TokenStoreException;
import dev.scim.core.token.TokenVerifier;
import dev.scim.core.token.Verification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST API's REQUEST authorizer: turns the {@code Authorization} header into a tenant.
 *
 * <p>Accepted → an Allow policy for the whole API ({@code <apiId>/<stage>/*}{@code /*}), because API Gateway caches
 * the answer per identity source and reuses it on every route; principalId {@code <tenant>:<tokenId>} and context
 * {@code {tenant, tokenId}} for the operation handlers. Rejected or missing → an {@code auth.rejected} audit line
 * and {@code RuntimeException("Unauthorized")}, API Gateway's documented way to answer 401 from a Lambda
 * authorizer. If the token store cannot be read the answer is a 500, never a wrong verdict.
 */
public final class TokenAuthorizerHandler
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {
    private static final String UNAUTHORIZED = "Unauthorized";

    private final TokenVerifier verifier;
    private final JsonLog log;

    /** Lambda's constructor, run once per container: only the verifier (Secrets Manager), no DynamoDB client. */
    public TokenAuthorizerHandler() {
        this(CachingTokenVerifier.fromEnvironment(), JsonLog.stdout());
    }

    public TokenAuthorizerHandler(TokenVerifier verifier, JsonLog log) {
        this.verifier = verifier;
        this.log = log;
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String header = header(event, "Authorization");
        Verification verdict;
        try {
            verdict = verifier.verify(header);
        } catch (TokenStoreException e) {
            Map<String, Object> f = requestFields(event);
            f.put("detail", e.getMessage());
            log.error("auth.error", f);
            throw new IllegalStateException("token store unavailable");
        }
        return switch (verdict) {
            case Verification.Accepted a -> allow(event, a);
            case Verification.Rejected r -> {
                Map<String, Object> f = requestFields(event);
                f.put("reason", r.reason());
                f.put("tenant", r.tenant());
                f.put("tokenId", r.tokenId());
                log.warn("auth.rejected", f);
                throw new RuntimeException(UNAUTHORIZED);
            }
        };
    }

    private IamPolicyResponseV1 allow(APIGatewayCustomAuthorizerEvent event, Verification.Accepted a) {
        String resource = wholeApi(event.getMethodArn());
        if (resource == null) {
            Map<String, Object> f = requestFields(event);
            f.put("reason", "malformed methodArn");
            f.put("tenant", a.tenant());
            f.put("tokenId", a.tokenId());
            log.warn("auth.rejected", f);
            throw new RuntimeException(UNAUTHORIZED);
        }
        var statement = IamPolicyResponseV1.allowStatement(resource);
        var policy = IamPolicyResponseV1.PolicyDocument.builder()
                .withVersion(IamPolicyResponseV1.VERSION_2012_10_17).withStatement(List.of(statement)).build();
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("tenant", a.tenant());
        ctx.put("tokenId", a.tokenId());
        return IamPolicyResponseV1.builder().withPrincipalId(a.tenant() + ":" + a.tokenId())
                .withPolicyDocument(policy).withContext(ctx).build();
    }

    /**
     * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<method>/<path>} →
     * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/*}{@code /*}; null if it has another shape.
     */
    static String wholeApi(String methodArn) {
        if (methodArn == null) return null;
        String[] arn = methodArn.split(":", 6);
        if (arn.length != 6 || !"arn".equals(arn[0]) || !"execute-api".equals(arn[2])) return null;
        String[] path = arn[5].split("/", 3);
        if (path.length < 2 || path[0].isEmpty() || path[1].isEmpty()) return null;
        return String.join(":", arn[0], arn[1], arn[2], arn[3], arn[4]) + ":" + path[0] + "/" + path[1] + "/*/*";
    }

    /** HTTP header names are case-insensitive (RFC 9110 §5.1); API Gateway passes them as the client sent them. */
    static String header(APIGatewayCustomAuthorizerEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) return null;
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    private static Map<String, Object> requestFields(APIGatewayCustomAuthorizerEvent event) {
        Map<String, Object> f = new LinkedHashMap<>();
        var rc = event.getRequestContext();
        if (rc != null) {
            f.put("requestId", rc.getRequestId());
            if (rc.getIdentity() != null) f.put("sourceIp", rc.getIdentity().getSourceIp());
        }
        f.put("userAgent", header(event, "User-Agent"));
        f.put("method", event.getHttpMethod());
        f.put("path", event.getPath());
        return f;
    }
}
