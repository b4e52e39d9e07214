package dev.scim.core.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The token records of the tenants that hash to one shard, as stored in one secret:
 * {@code {"tenants":{"acme":{"tokens":[{"id","sha256","created","expires","status","revoked"}]}}}}.
 * Immutable; times are ISO-8601 UTC to the second.
 */
public record TokenShard(Map<String, List<TokenRecord>> tenants) {
    public static final TokenShard EMPTY = new TokenShard(Map.of());

    public TokenShard {
        var copy = new TreeMap<String, List<TokenRecord>>();
        tenants.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        tenants = java.util.Collections.unmodifiableMap(copy);
    }

    public List<TokenRecord> tokens(String tenant) {
        return tenants.getOrDefault(tenant, List.of());
    }

    /** This shard with {@code tenant}'s records replaced; an empty list removes the tenant. */
    public TokenShard with(String tenant, List<TokenRecord> records) {
        var copy = new TreeMap<>(tenants);
        if (records.isEmpty()) copy.remove(tenant);
        else copy.put(tenant, records);
        return new TokenShard(copy);
    }

    public String toJson() {
        ObjectNode root = Json.object();
        ObjectNode ts = root.putObject("tenants");
        tenants.forEach((tenant, records) -> {
            ArrayNode arr = ts.putObject(tenant).putArray("tokens");
            for (TokenRecord r : records) {
                ObjectNode n = arr.addObject();
                n.put("id", r.id());
                n.put("sha256", r.sha256());
                n.put("created", r.created().toString());
                if (r.expires() == null) n.putNull("expires");
                else n.put("expires", r.expires().toString());
                n.put("status", r.status().wire());
                if (r.revoked() != null) n.put("revoked", r.revoked().toString());
            }
        });
        return Json.write(root);
    }

    /** Reads a stored shard; a document that does not have the expected shape is reported, never guessed at. */
    public static TokenShard fromJson(String json) {
        try {
            JsonNode root = Json.parse(json);
            JsonNode ts = root.path("tenants");
            if (!ts.isObject()) throw new IllegalArgumentException("token shard has no 'tenants' object");
            var map = new TreeMap<String, List<TokenRecord>>();
            for (var e : ts.properties()) {
                List<TokenRecord> list = new ArrayList<>();
                for (JsonNode n : e.getValue().path("tokens")) {
                    list.add(new TokenRecord(text(n, "id"), text(n, "sha256"), Instant.parse(text(n, "created")),
                            instant(n, "expires"), TokenRecord.Status.fromWire(text(n, "status")),
                            instant(n, "revoked")));
                }
                map.put(e.getKey(), list);
            }
            return new TokenShard(map);
        } catch (JsonProcessingException | RuntimeException e) {
            // Only the kind of failure: the document holds token hashes and must not reach a log.
            throw new TokenStoreException("stored token shard is not valid (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("token record without '" + field + "'");
        return v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }

    @Override
    public String toString() {
        return "TokenShard[tenants=" + tenants.keySet() + "]";
    }
}
