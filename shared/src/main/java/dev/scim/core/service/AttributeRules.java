package dev.scim.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.json.Json;
import dev.scim.core.model.ResourceType;
import dev.scim.core.schema.AttributeDefinition;
import dev.scim.core.schema.CoreSchemas;
import dev.scim.core.schema.ResourceSchema;
import dev.scim.core.schema.ValueCheck;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the service keeps of a client's document, and what it refuses. Read-only and server-derived attributes
 * ({@code id}, {@code meta}, {@code schemas}, a user's {@code groups}) are dropped rather than refused, because
 * identity providers echo them back (Okta's update is GET then PUT of the whole object). {@code password} is
 * write-only and this service never stores it. Known attributes are type-checked against the schema; attributes of
 * unknown extensions are kept as sent.
 */
final class AttributeRules {
    /**
     * Values that become part of a DynamoDB key (uniqueness claims, the externalId index) must stay well inside
     * DynamoDB's 2,048-byte partition key limit, together with the tenant prefix.
     */
    static final int MAX_KEYED_BYTES = 1024;

    /** A stored document must fit one DynamoDB item (400 KB with keys and attribute names), with room to spare. */
    static final int MAX_DOCUMENT_BYTES = 300 * 1024;

    private AttributeRules() {}

    /** Returns a copy without the attributes a client cannot set. {@code members} is handled by the group service. */
    static ObjectNode sanitize(ObjectNode in, ResourceType type) {
        ObjectNode out = in.deepCopy();
        for (Iterator<String> it = out.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equalsIgnoreCase("schemas") || name.equalsIgnoreCase("meta") || name.equalsIgnoreCase("id")
                    || name.equalsIgnoreCase("password")
                    || (type == ResourceType.USER && name.equalsIgnoreCase("groups"))
                    || (type == ResourceType.GROUP && name.equalsIgnoreCase("members"))) {
                it.remove();
            }
        }
        return out;
    }

    /**
     * Checks required attributes and the types of every known attribute.
     *
     * @throws ScimException.InvalidValue naming the attribute and what was expected
     */
    static void validate(ObjectNode doc, ResourceType type) {
        ResourceSchema core = CoreSchemas.core(type);
        for (AttributeDefinition a : core.attributes()) {
            if (a.required()) {
                JsonNode v = find(doc, a.name());
                if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
                    throw new ScimException.InvalidValue("Attribute '" + a.name() + "' is required and must be a "
                            + "non-empty string.");
                }
            }
        }
        if (Json.write(doc).getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            throw new ScimException.InvalidValue("The resource is larger than " + MAX_DOCUMENT_BYTES / 1024
                    + " KB; send fewer or shorter attribute values.");
        }
        for (String keyed : new String[] {type == ResourceType.USER ? "userName" : "displayName", "externalId"}) {
            JsonNode v = find(doc, keyed);
            if (v != null && v.isTextual() && v.asText().getBytes(StandardCharsets.UTF_8).length > MAX_KEYED_BYTES) {
                throw new ScimException.InvalidValue("Attribute '" + keyed + "' is longer than " + MAX_KEYED_BYTES
                        + " bytes.");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.regionMatches(true, 0, "urn:", 0, 4)) {
                var ext = CoreSchemas.extensions(type).stream().filter(s -> s.id().equalsIgnoreCase(name)).findFirst();
                if (ext.isPresent()) {
                    if (!e.getValue().isObject() && !e.getValue().isNull()) {
                        throw new ScimException.InvalidValue("Extension '" + name + "' must be a JSON object.");
                    }
                    if (e.getValue().isObject()) validateObject((ObjectNode) e.getValue(), ext.get().attributes(), "");
                }
                continue;
            }
            var def = CoreSchemas.find(type, null, name);
            if (def.isPresent()) check(e.getValue(), def.get(), def.get().name());
        }
    }

    private static void validateObject(ObjectNode obj, List<AttributeDefinition> defs, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (AttributeDefinition d : defs) {
                if (d.name().equalsIgnoreCase(e.getKey())) check(e.getValue(), d, prefix + d.name());
            }
        }
    }

    private static void check(JsonNode value, AttributeDefinition def, String path) {
        if (value == null || value.isNull()) return;
        if (!def.multiValued()) {
            ValueCheck.checkSingle(def, value, path);
            return;
        }
        if (!value.isArray()) {
            throw new ScimException.InvalidValue("'" + path + "' is multi-valued and must be an array, not "
                    + ValueCheck.describe(value));
        }
        for (JsonNode element : value) ValueCheck.checkSingle(def, element, path);
    }

    /** Case-insensitive top-level lookup (RFC 7643 §2.1: attribute names are case-insensitive). */
    static JsonNode find(ObjectNode doc, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }
}
