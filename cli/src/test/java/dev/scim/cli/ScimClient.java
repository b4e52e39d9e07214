package dev.scim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An identity provider's side of the wire: raw HTTP requests with a token, as Okta sends them. */
final class ScimClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String authorization;

    /** @param baseUrl e.g. {@code http://127.0.0.1:1234/scim/v1}; @param authorization the header value or null */
    ScimClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) { return raw.headers().firstValue(name).orElse(null); }
    }

    ScimClient withAuthorization(String value) { return new ScimClient(baseUrl, value); }

    Reply get(String pathAndQuery) { return send("GET", pathAndQuery, null, "application/json"); }

    Reply post(String path, String body) { return send("POST", path, body, "application/json"); }

    Reply put(String path, String body) { return send("PUT", path, body, "application/json"); }

    Reply patch(String path, String body) { return send("PATCH", path, body, "application/json"); }

    Reply delete(String path) { return send("DELETE", path, null, null); }

    Reply send(String method, String pathAndQuery, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .header("User-Agent", "Okta SCIM Client 1.0.0")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null && body != null) b.header("Content-Type", contentType);
        if (authorization != null) b.header("Authorization", authorization);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError(method + " " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Okta URL-encodes filters with %20 between words and %22 for quotes. */
    static String filter(String filter) {
        return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
