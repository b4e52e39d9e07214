package dev.scim.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.filter.AttributePath;
import dev.scim.core.filter.CompareOp;
import dev.scim.core.filter.Filter;
import dev.scim.core.model.ResourceType;
import dev.scim.core.schema.CoreSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a SCIM 1.1 PATCH body (a partial resource, SCIM 1.1 Protocol §3.3.2, as Okta's "SCIM 1.1" apps send it)
 * into shared-model {@link PatchOperation}s, so the same {@link PatchEngine} and services serve both dialects:
 * <ol>
 *   <li>each name in {@code meta.attributes} (attributes to clear first) becomes a {@code Remove};</li>
 *   <li>then, for each other attribute (ignoring {@code schemas}, {@code id}, {@code meta}): each element of an
 *       array becomes an {@code Add} of that element (without its {@code operation} key), or, when it carries
 *       {@code "operation":"delete"}, a {@code Remove} of {@code attr[value eq "..."]}; an object (a complex
 *       attribute or an extension keyed by its URN) becomes an {@code Add}, which merges; a scalar becomes a
 *       {@code Replace}.</li>
 * </ol>
 * Example: {@code {"members":[{"value":"u1"},{"value":"u2","operation":"delete"}]}} gives
 * {@code Add members {"value":"u1"}} and {@code Remove members[value eq "u2"]}. Stateless and thread-safe.
 */
public final class PartialResourcePatch {
    private PartialResourcePatch() {}

    public static List<PatchOperation> toOperations(JsonNode body, ResourceType type) {
        if (body == null || !body.isObject()) {
            throw new ScimException.InvalidSyntax("A SCIM 1.1 PATCH body must be a JSON object with the attributes "
                    + "to change, e.g. {\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"active\":false}");
        }
        List<PatchOperation> ops = new ArrayList<>();
        JsonNode meta = field(body, "meta");
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                throw new ScimException.InvalidSyntax("'meta' in a PATCH body must be an object such as "
                        + "{\"attributes\":[\"members\"]}");
            }
            JsonNode clear = field(meta, "attributes");
            if (clear != null && !clear.isNull()) {
                if (!clear.isArray()) {
                    throw new ScimException.InvalidSyntax("'meta.attributes' must be an array of attribute names to "
                            + "clear, e.g. [\"members\", \"name.givenName\"]");
                }
                for (JsonNode name : clear) {
                    if (!name.isTextual()) {
                        throw new ScimException.InvalidSyntax("'meta.attributes' must contain only attribute names "
                                + "(strings), found " + name.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    ops.add(new PatchOperation.Remove(PatchPathParser.parse(name.textValue())));
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String name = e.getKey();
            if (name.equalsIgnoreCase("schemas") || name.equalsIgnoreCase("id") || name.equalsIgnoreCase("meta")) {
                continue;
            }
            PatchPath path = pathOf(name);
            JsonNode value = e.getValue();
            if (value.isArray() && singleValued(type, path)) {
                // Not a list of values to add: a wrong type, which the engine's type check reports.
                ops.add(new PatchOperation.Replace(path, value));
            } else if (value.isArray()) {
                checkElements(name, value);
                for (JsonNode element : value) ops.add(elementOperation(name, path, element));
            } else if (value.isObject()) {
                ops.add(new PatchOperation.Add(path, value));
            } else {
                ops.add(new PatchOperation.Replace(path, value));
            }
        }
        return List.copyOf(ops);
    }

    private static boolean singleValued(ResourceType type, PatchPath path) {
        AttributePath a = path.attribute();
        if (a.subAttribute() != null || path.valueFilter() != null) return false;
        return CoreSchemas.find(type, a.schemaUrn(), a.attribute()).map(d -> !d.multiValued()).orElse(false);
    }

    /** A key of the body: a URN key names an extension object as a whole; other keys are attribute names. */
    private static PatchPath pathOf(String name) {
        if (name.regionMatches(true, 0, "urn:", 0, 4)) return PatchPath.of(new AttributePath(null, name, null));
        return PatchPathParser.parse(name);
    }

    /** Entries that use "operation" address values by their "value" key, so every entry must be an object. */
    private static void checkElements(String name, JsonNode array) {
        boolean usesOperation = false;
        boolean allObjects = true;
        for (JsonNode element : array) {
            if (element.isObject()) usesOperation |= field(element, "operation") != null;
            else allObjects = false;
        }
        if (usesOperation && !allObjects) {
            throw new ScimException.InvalidValue("'" + name + "': when entries use \"operation\", every entry must "
                    + "be an object such as {\"value\":\"2819c223\",\"operation\":\"delete\"}");
        }
    }

    private static PatchOperation elementOperation(String name, PatchPath path, JsonNode element) {
        if (!element.isObject()) {
            return new PatchOperation.Add(path, element);
        }
        JsonNode operation = field(element, "operation");
        if (operation == null) return new PatchOperation.Add(path, element);
        if (operation.isNull()) return new PatchOperation.Add(path, withoutOperation(element));
        if (!operation.isTextual() || !operation.textValue().equalsIgnoreCase("delete")) {
            throw new ScimException.InvalidValue("'" + name + "': unsupported operation " + operation
                    + "; SCIM 1.1 PATCH only defines \"operation\":\"delete\"");
        }
        JsonNode value = field(element, "value");
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new ScimException.InvalidValue("'" + name + "': an entry with \"operation\":\"delete\" needs the "
                    + "\"value\" of the entry to delete, e.g. {\"value\":\"2819c223\",\"operation\":\"delete\"}");
        }
        if (path.valueFilter() != null || path.attribute().subAttribute() != null) {
            throw new ScimException.InvalidValue("'" + name + "' cannot take \"operation\":\"delete\" entries");
        }
        Filter byValue = new Filter.Compare(AttributePath.of("value"), CompareOp.EQ,
                value.isTextual() ? TextNode.valueOf(value.textValue()) : value);
        return new PatchOperation.Remove(new PatchPath(path.attribute(), byValue, null));
    }

    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) return exact;
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    private static JsonNode withoutOperation(JsonNode element) {
        ObjectNode copy = ((ObjectNode) element).deepCopy();
        copy.properties().removeIf(e -> e.getKey().equalsIgnoreCase("operation"));
        return copy;
    }
}
