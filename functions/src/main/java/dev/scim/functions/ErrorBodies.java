package dev.scim.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.wire.ScimResponse;
import java.util.Map;

/**
 * Error bodies readable by both SCIM dialects: SCIM 2.0 reads {@code schemas/status/detail} (RFC 7644 §3.12),
 * SCIM 1.1 clients such as Okta read {@code Errors[].description/code}. The same shape as the API's gateway
 * responses in template.yaml, for failures that happen before or outside the core.
 */
public final class ErrorBodies {
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ErrorBodies() {}

    public static String body(int status, String detail) {
        ObjectNode body = Json.object();
        body.putArray("schemas").add(ERROR_SCHEMA);
        body.put("status", Integer.toString(status));
        body.put("detail", detail);
        body.putArray("Errors").addObject().put("description", detail).put("code", Integer.toString(status));
        return Json.write(body);
    }

    /** 500 carrying only the request id, never an internal message. */
    public static ScimResponse internalError(String requestId) {
        String detail = "The service failed unexpectedly. Retry later; if it keeps failing, report request id "
                + requestId + ".";
        return new ScimResponse(500, Map.of("Content-Type", "application/json"), body(500, detail));
    }
}
