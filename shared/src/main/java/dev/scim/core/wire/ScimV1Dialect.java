package dev.scim.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.model.ResourceType;
import dev.scim.core.patch.PartialResourcePatch;
import dev.scim.core.patch.PatchOperation;
import dev.scim.core.schema.AttributeDefinition;
import dev.scim.core.schema.CoreSchemas;
import dev.scim.core.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SCIM 1.1 as Okta's "SCIM 1.1 Header Auth" app speaks it: core URN {@code urn:scim:schemas:core:1.0}, the 1.0
 * enterprise extension URN, {@code ListResponse} without a message URN, partial-resource PATCH, and errors in
 * the 1.1 {@code Errors} form that also carry 2.0's {@code detail} and {@code status} (Okta's 1.1 tests read
 * {@code detail}).
 */
public final class ScimV1Dialect implements ScimDialect {
    public static final String CORE_URN = "urn:scim:schemas:core:1.0";
    public static final String ENTERPRISE_URN = "urn:scim:schemas:extension:enterprise:1.0";
    static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

    @Override
    public String prefix() { return "/scim/v1"; }

    @Override
    public String contentType() { return "application/json; charset=utf-8"; }

    @Override
    public ObjectNode readResource(String body, ResourceType type) {
        return toCanonical(RequestBodies.readObject(body));
    }

    @Override
    public List<PatchOperation> readPatch(String body, ResourceType type) {
        ObjectNode canonical = toCanonical(RequestBodies.readObject(body));
        JsonNode meta = canonical.get("meta");
        if (meta != null && meta.isObject() && meta.get("attributes") instanceof ArrayNode names) {
            ArrayNode mapped = Json.array();
            for (JsonNode n : names) mapped.add(n.isTextual() ? Json.NODES.textNode(canonicalPath(n.asText())) : n);
            ((ObjectNode) meta).set("attributes", mapped);
        }
        return PartialResourcePatch.toOperations(canonical, type);
    }

    @Override
    public ObjectNode writeResource(ObjectNode canonical, ResourceType type) {
        ObjectNode out = Json.object();
        Set<String> schemas = new LinkedHashSet<>();
        for (JsonNode s : canonical.path("schemas")) schemas.add(wireUrn(s.asText()));
        ArrayNode arr = out.putArray("schemas");
        schemas.forEach(arr::add);
        for (Iterator<Map.Entry<String, JsonNode>> it = canonical.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "schemas" -> { }
                case "meta" -> {
                    ObjectNode meta = e.getValue().deepCopy();
                    meta.remove("resourceType"); // a SCIM 2.0 addition, absent from 1.1's meta
                    out.set("meta", meta);
                }
                default -> out.set(wireUrn(e.getKey()), e.getValue());
            }
        }
        return out;
    }

    @Override
    public ObjectNode writeList(List<ObjectNode> resources, long totalResults, int startIndex) {
        ObjectNode out = Json.object();
        out.putArray("schemas").add(CORE_URN);
        out.put("totalResults", totalResults);
        out.put("startIndex", startIndex);
        out.put("itemsPerPage", resources.size());
        ArrayNode arr = out.putArray("Resources");
        resources.forEach(arr::add);
        return out;
    }

    @Override
    public ObjectNode writeError(ScimError error) {
        ObjectNode out = Json.object();
        out.putArray("schemas").add(ERROR_URN);
        out.put("status", Integer.toString(error.status()));
        if (error.scimType() != null) out.put("scimType", error.scimType());
        out.put("detail", error.detail());
        out.putArray("Errors").addObject()
                .put("description", error.detail())
                .put("code", Integer.toString(error.status()));
        return out;
    }

    @Override
    public ObjectNode writeServiceProviderConfig(ServiceProviderSettings s) {
        ObjectNode out = Json.object();
        out.putArray("schemas").add(CORE_URN);
        out.putObject("patch").put("supported", true);
        out.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        out.putObject("filter").put("supported", true).put("maxResults", s.maxPageSize());
        out.putObject("changePassword").put("supported", false);
        out.putObject("sort").put("supported", false);
        out.putObject("etag").put("supported", true);
        out.putObject("xmlDataFormat").put("supported", false);
        out.putArray("authenticationSchemes").addObject()
                .put("name", "API token")
                .put("description", "The tenant's API token in the Authorization header, as '<token>' or "
                        + "'Bearer <token>'.")
                .put("type", "oauthbearertoken")
                .put("primary", true);
        out.putObject("meta").put("location", s.baseUrl() + prefix() + "/ServiceProviderConfigs");
        return out;
    }

    @Override
    public ObjectNode writeSchemas(String baseUrl) {
        List<ObjectNode> docs = new ArrayList<>();
        docs.add(schemaDoc(CoreSchemas.USER, ResourceType.USER, true, baseUrl));
        docs.add(schemaDoc(CoreSchemas.ENTERPRISE_USER, ResourceType.USER, false, baseUrl));
        docs.add(schemaDoc(CoreSchemas.GROUP, ResourceType.GROUP, true, baseUrl));
        return writeList(docs, docs.size(), 1);
    }

    @Override
    public ObjectNode writeResourceTypes(String baseUrl) {
        List<ObjectNode> docs = new ArrayList<>();
        for (ResourceType t : ResourceType.values()) {
            ObjectNode d = Json.object();
            d.put("name", t.scimName());
            d.put("endpoint", t.endpoint());
            d.put("schema", CORE_URN);
            if (t == ResourceType.USER) d.putArray("schemaExtensions").addObject()
                    .put("schema", ENTERPRISE_URN).put("required", false);
            d.putObject("meta").put("location", baseUrl + prefix() + "/ResourceTypes/" + t.scimName());
            docs.add(d);
        }
        return writeList(docs, docs.size(), 1);
    }

    private ObjectNode schemaDoc(ResourceSchema schema, ResourceType type, boolean core, String baseUrl) {
        String id = core ? CORE_URN : ENTERPRISE_URN;
        ObjectNode d = Json.object();
        d.put("id", id);
        d.put("name", schema.name());
        d.put("description", schema.description());
        d.put("schema", id);
        d.put("endpoint", type.endpoint());
        ArrayNode attrs = d.putArray("attributes");
        if (core) CoreSchemas.COMMON.forEach(a -> attrs.add(attributeDoc(a, id)));
        schema.attributes().forEach(a -> attrs.add(attributeDoc(a, id)));
        d.putObject("meta").put("location", baseUrl + prefix() + "/Schemas/" + id);
        return d;
    }

    private static ObjectNode attributeDoc(AttributeDefinition a, String schemaId) {
        ObjectNode d = Json.object();
        d.put("name", a.name());
        d.put("type", a.type().wireName());
        d.put("multiValued", a.multiValued());
        d.put("description", a.description());
        d.put("schema", schemaId);
        d.put("readOnly", a.readOnly());
        d.put("required", a.required());
        d.put("caseExact", a.caseExact());
        if (!a.subAttributes().isEmpty()) {
            ArrayNode subs = d.putArray("subAttributes");
            a.subAttributes().forEach(s -> subs.add(attributeDoc(s, schemaId)));
        }
        return d;
    }

    /** Renames 1.1 extension keys to their canonical 2.0 URNs and drops {@code schemas}. */
    private static ObjectNode toCanonical(ObjectNode wire) {
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = wire.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("schemas")) continue;
            out.set(e.getKey().equalsIgnoreCase(ENTERPRISE_URN) ? CoreSchemas.ENTERPRISE_USER_URN : e.getKey(),
                    e.getValue());
        }
        return out;
    }

    private static String canonicalPath(String path) {
        return path.regionMatches(true, 0, ENTERPRISE_URN, 0, ENTERPRISE_URN.length())
                ? CoreSchemas.ENTERPRISE_USER_URN + path.substring(ENTERPRISE_URN.length())
                : path;
    }

    private static String wireUrn(String canonical) {
        if (canonical.equals(CoreSchemas.USER_URN) || canonical.equals(CoreSchemas.GROUP_URN)) return CORE_URN;
        if (canonical.equals(CoreSchemas.ENTERPRISE_USER_URN)) return ENTERPRISE_URN;
        return canonical;
    }
}
