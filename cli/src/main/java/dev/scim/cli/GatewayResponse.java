package dev.scim.cli;

import java.util.Map;

/**
 * A gateway response as the template declares it (SAM {@code GatewayResponses}): status, static headers, and a
 * body mapping template. Rendering supports the one variable the templates use, {@code $context.requestId}.
 *
 * @param type         e.g. UNAUTHORIZED
 * @param status       the response status
 * @param headers      static header values (the template's {@code "'value'"} quoting removed)
 * @param bodyTemplate the {@code application/json} response template
 */
public record GatewayResponse(GatewayResponseType type, int status, Map<String, String> headers,
        String bodyTemplate) {

    public GatewayResponse {
        headers = Map.copyOf(headers);
    }

    public String render(String requestId) {
        return bodyTemplate.replace("$context.requestId", requestId);
    }
}
