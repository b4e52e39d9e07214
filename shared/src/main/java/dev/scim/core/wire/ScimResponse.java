package dev.scim.core.wire;

import java.util.Map;

/** What the core answers: status, headers (Content-Type, ETag, Location) and a body (null for 204). */
public record ScimResponse(int status, Map<String, String> headers, String body) {
    public ScimResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
