package dev.scim.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.model.GroupRef;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Meta;
import dev.scim.core.model.ResourceType;
import dev.scim.core.model.UserResource;
import dev.scim.core.schema.CoreSchemas;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the canonical (SCIM 2.0 naming) JSON of a stored resource: {@code schemas}, {@code id}, the stored
 * attributes, derived attributes ({@code groups}, {@code members}) and {@code meta}. Dialects translate this view
 * to their wire; the filter evaluator matches against it, so filters see exactly what clients read.
 */
public final class ResourceViews {
    private ResourceViews() {}

    /**
     * @param groups       the user's groups, or null to leave {@code groups} out (list responses)
     * @param endpointBase base URL plus dialect prefix, e.g. {@code https://h/Prod/scim/v1}; empty for filtering
     */
    public static ObjectNode user(UserResource user, List<GroupRef> groups, String endpointBase) {
        String location = endpointBase + ResourceType.USER.endpoint() + "/" + user.id();
        ObjectNode view = start(CoreSchemas.USER_URN, user.id(), user.attributes());
        if (groups != null) {
            ArrayNode arr = view.putArray("groups");
            for (GroupRef g : groups) {
                ObjectNode entry = arr.addObject().put("value", g.value());
                if (g.display() != null) entry.put("display", g.display());
                entry.put("$ref", endpointBase + ResourceType.GROUP.endpoint() + "/" + g.value());
                entry.put("type", "direct");
            }
        }
        meta(view, ResourceType.USER, user.meta(), location);
        return view;
    }

    /** @param members the members to show, or null to leave {@code members} out */
    public static ObjectNode group(GroupResource group, List<Member> members, String endpointBase) {
        String location = endpointBase + ResourceType.GROUP.endpoint() + "/" + group.id();
        ObjectNode view = start(CoreSchemas.GROUP_URN, group.id(), group.attributes());
        if (members != null) {
            ArrayNode arr = view.putArray("members");
            for (Member m : members) {
                ObjectNode entry = arr.addObject().put("value", m.value());
                if (m.display() != null) entry.put("display", m.display());
                entry.put("$ref", endpointBase + ResourceType.USER.endpoint() + "/" + m.value());
                entry.put("type", "User");
            }
        }
        meta(view, ResourceType.GROUP, group.meta(), location);
        return view;
    }

    private static ObjectNode start(String coreUrn, String id, ObjectNode attributes) {
        ObjectNode view = Json.object();
        ArrayNode schemas = view.putArray("schemas");
        view.put("id", id);
        Set<String> urns = new LinkedHashSet<>();
        urns.add(coreUrn);
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().regionMatches(true, 0, "urn:", 0, 4) && e.getValue().isObject()) urns.add(e.getKey());
            view.set(e.getKey(), e.getValue().deepCopy());
        }
        urns.forEach(schemas::add);
        return view;
    }

    private static void meta(ObjectNode view, ResourceType type, Meta meta, String location) {
        ObjectNode m = view.putObject("meta");
        m.put("resourceType", type.scimName());
        m.put("created", meta.created().toString());
        m.put("lastModified", meta.lastModified().toString());
        m.put("location", location);
        m.put("version", meta.etag());
    }
}
