package dev.scim.core.wire;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A SCIM request as the core sees it, free of Lambda types. Built by the function adapter from the API Gateway
 * event (and so, identically, by ./scim local).
 *
 * @param method      HTTP method, upper case
 * @param path        the resource path as routed, e.g. {@code /scim/v1/Users/2819c223}; its prefix picks the dialect
 * @param pathParameters e.g. {@code id}
 * @param query       decoded query parameters (first value of each)
 * @param headers     request headers; looked up case-insensitively
 * @param body        raw body, or null
 * @param tenant      the tenant the authorizer put in the request context; never taken from the client
 * @param baseUrl     scheme, host and stage prefix the client called, e.g. {@code https://h/Prod}; used for
 *                    {@code meta.location}
 * @param requestId   correlation id for logs and 5xx bodies
 */
public record ScimRequest(String method, String path, Map<String, String> pathParameters, Map<String, String> query,
        Map<String, String> headers, String body, String tenant, String baseUrl, String requestId) {

    public ScimRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(query));
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) headers.forEach((k, v) -> { if (k != null && v != null) h.put(k, v); });
        headers = Collections.unmodifiableMap(h);
        requestId = requestId == null ? "" : requestId;
    }

    public Optional<String> header(String name) { return Optional.ofNullable(headers.get(name)); }

    public Optional<String> queryParam(String name) { return Optional.ofNullable(query.get(name)); }

    public Optional<String> pathParam(String name) { return Optional.ofNullable(pathParameters.get(name)); }
}
