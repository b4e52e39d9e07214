package dev.scim.core.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.json.Json;

/**
 * Reads request bodies the same way whatever the Content-Type ({@code application/json},
 * {@code application/scim+json}, with or without charset, or none): identity providers differ here, and the body
 * is what matters. Parse errors give the line and column, never the parser's internal message.
 */
public final class RequestBodies {
    /** Far above any real SCIM resource; API Gateway itself caps payloads at 10 MB. */
    static final int MAX_BODY_CHARS = 6 * 1024 * 1024;

    private RequestBodies() {}

    public static ObjectNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw new ScimException.InvalidSyntax("The request body is empty; send a JSON object.");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ScimException.InvalidSyntax("The request body is larger than " + MAX_BODY_CHARS
                    + " characters.");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ScimException.InvalidSyntax("The request body is not valid JSON" + where + ".");
        }
        if (node == null || !node.isObject()) {
            throw new ScimException.InvalidSyntax("The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }
}
