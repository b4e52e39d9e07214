package dev.scim.cli;

/**
 * The API Gateway gateway response types the local API can produce, with API Gateway's default status and the
 * type a missing definition falls back to (the DEFAULT_4XX / DEFAULT_5XX inheritance of REST APIs).
 */
public enum GatewayResponseType {
    UNAUTHORIZED(401, "Unauthorized"),
    ACCESS_DENIED(403, "User is not authorized to access this resource"),
    MISSING_AUTHENTICATION_TOKEN(403, "Missing Authentication Token"),
    AUTHORIZER_FAILURE(500, null),
    AUTHORIZER_CONFIGURATION_ERROR(500, null),
    THROTTLED(429, "Too Many Requests"),
    REQUEST_TOO_LARGE(413, "Request Too Long"),
    INTEGRATION_FAILURE(504, null),
    INTEGRATION_TIMEOUT(504, "Endpoint request timed out"),
    DEFAULT_4XX(400, null),
    DEFAULT_5XX(502, "Internal server error");

    private final int defaultStatus;
    private final String defaultMessage;

    GatewayResponseType(int defaultStatus, String defaultMessage) {
        this.defaultStatus = defaultStatus;
        this.defaultMessage = defaultMessage;
    }

    public int defaultStatus() { return defaultStatus; }

    /** API Gateway's own body text when the template defines neither this type nor its DEFAULT_ parent. */
    public String defaultMessage() { return defaultMessage; }

    public GatewayResponseType parent() {
        if (this == DEFAULT_4XX || this == DEFAULT_5XX) return null;
        return defaultStatus < 500 ? DEFAULT_4XX : DEFAULT_5XX;
    }
}
