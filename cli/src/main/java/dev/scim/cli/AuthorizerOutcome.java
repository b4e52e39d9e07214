package dev.scim.cli;

import java.util.Map;

/** How API Gateway ends (or continues) a request after asking the authorizer. */
sealed interface AuthorizerOutcome {

    /** Continue to the function; {@code context} becomes {@code requestContext.authorizer}. */
    record Allowed(Map<String, Object> context) implements AuthorizerOutcome {}

    /** End with a gateway response of this type (UNAUTHORIZED, ACCESS_DENIED, AUTHORIZER_FAILURE, ...). */
    record Refused(GatewayResponseType type) implements AuthorizerOutcome {}
}
