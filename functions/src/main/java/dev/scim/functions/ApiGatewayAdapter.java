package dev.scim.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.scim.core.wire.ScimRequest;
import dev.scim.core.wire.ScimResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates between API Gateway's REST proxy integration (payload format 1.0) and the core's wire types, so the
 * core never sees a Lambda type and {@code ./scim local} can feed the same events. Nothing a client sends can make
 * it throw: odd input is passed on for the core to answer with a SCIM error (RFC 7644 §3.12).
 */
public final class ApiGatewayAdapter {
    private static final String DEFAULT_SCHEME = "https";

    private ApiGatewayAdapter() {}

    /**
     * @param event   the proxy event; query values arrive percent-decoded with {@code +} kept as is (API Gateway
     *                does not form-decode), which the filter parser relies on
     * @param context the Lambda context, used for the request id only when the event carries none; may be null
     */
    public static ScimRequest toScimRequest(APIGatewayProxyRequestEvent event, Context context) {
        var rc = event.getRequestContext();
        Map<String, String> headers = headers(event);
        String path = orEmpty(event.getPath());
        String method = orEmpty(event.getHttpMethod()).toUpperCase(Locale.ROOT);
        return new ScimRequest(method, path, nonNull(event.getPathParameters()), query(event), headers,
                body(event), tenant(rc == null ? null : rc.getAuthorizer()),
                baseUrl(headers, rc == null ? null : rc.getPath(), path, rc == null ? null : rc.getStage(),
                        rc == null ? null : rc.getDomainName()),
                requestId(rc == null ? null : rc.getRequestId(), context));
    }

    public static APIGatewayProxyResponseEvent toProxyResponse(ScimResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(new HashMap<>(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    /** Single-value headers plus multi-value ones joined with ", " (RFC 9110 §5.3), case-insensitive. */
    static Map<String, String> headers(APIGatewayProxyRequestEvent event) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if (multi != null) {
            multi.forEach((name, values) -> {
                if (name != null && values != null && !values.isEmpty()) out.put(name, String.join(", ", values));
            });
        }
        Map<String, String> single = event.getHeaders();
        if (single != null) {
            single.forEach((name, value) -> { if (name != null && value != null) out.putIfAbsent(name, value); });
        }
        return out;
    }

    /**
     * First value of each parameter, as {@link ScimRequest} documents. API Gateway's single-value map holds the
     * last value of a repeated parameter, so the multi-value map wins where present.
     */
    static Map<String, String> query(APIGatewayProxyRequestEvent event) {
        Map<String, String> out = new HashMap<>();
        Map<String, String> single = event.getQueryStringParameters();
        if (single != null) single.forEach((k, v) -> { if (k != null && v != null) out.put(k, v); });
        Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
        if (multi != null) {
            multi.forEach((k, values) -> {
                if (k != null && values != null && !values.isEmpty() && values.get(0) != null) {
                    out.put(k, values.get(0));
                }
            });
        }
        return out;
    }

    static String body(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null || !Boolean.TRUE.equals(event.getIsBase64Encoded())) return body;
        try {
            return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            // API Gateway only flags what it encoded itself; pass the text on and let the core reject its syntax.
            return body;
        }
    }

    static String tenant(Map<String, Object> authorizer) {
        if (authorizer == null) return null;
        Object tenant = authorizer.get("tenant");
        if (tenant == null) return null;
        String t = tenant.toString();
        return t.isBlank() ? null : t;
    }

    /**
     * Scheme + host + stage prefix, e.g. {@code https://abc.execute-api.eu-west-1.amazonaws.com/prod}. The stage
     * prefix is what {@code requestContext.path} carries before the resource path: the stage on the execute-api
     * domain, nothing on a custom domain or locally.
     */
    static String baseUrl(Map<String, String> headers, String contextPath, String path, String stage,
            String domainName) {
        String scheme = firstListValue(headers.get("X-Forwarded-Proto"));
        if (scheme == null || scheme.isBlank()) scheme = DEFAULT_SCHEME;
        String host = headers.get("Host");
        if (host == null || host.isBlank()) host = domainName == null ? "localhost" : domainName;
        String prefix = "";
        if (contextPath != null && !path.isEmpty() && contextPath.endsWith(path)) {
            prefix = contextPath.substring(0, contextPath.length() - path.length());
        } else if (contextPath != null && stage != null && contextPath.startsWith("/" + stage + "/")) {
            // The two paths may differ in percent-encoding of an id; the stage is still the leading segment.
            prefix = "/" + stage;
        }
        if (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        return scheme.toLowerCase(Locale.ROOT) + "://" + host.trim() + prefix;
    }

    static String requestId(String fromEvent, Context context) {
        if (fromEvent != null && !fromEvent.isBlank()) return fromEvent;
        if (context != null && context.getAwsRequestId() != null) return context.getAwsRequestId();
        return "";
    }

    private static String firstListValue(String value) {
        if (value == null) return null;
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        if (map == null) return Map.of();
        Map<String, String> out = new HashMap<>();
        map.forEach((k, v) -> { if (k != null && v != null) out.put(k, v); });
        return out;
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }
}
