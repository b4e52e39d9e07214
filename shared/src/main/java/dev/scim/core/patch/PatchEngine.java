package dev.scim.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.filter.AttributePath;
import dev.scim.core.filter.CompareOp;
import dev.scim.core.filter.Filter;
import dev.scim.core.filter.FilterEvaluator;
import dev.scim.core.filter.FilterPrinter;
import dev.scim.core.json.Json;
import dev.scim.core.model.ResourceType;
import dev.scim.core.schema.AttributeDefinition;
import dev.scim.core.schema.AttributeType;
import dev.scim.core.schema.CoreSchemas;
import dev.scim.core.schema.ValueCheck;
import dev.scim.core.schema.Mutability;
import dev.scim.core.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource document as a pure function: the input is deep-copied
 * and never changed, so a failed request leaves nothing half-applied.
 *
 * <ul>
 *   <li><b>add</b> (§3.5.2.1): sets single-valued attributes, merges sub-attributes into complex ones, appends to
 *       multi-valued ones the values not already present (equal JSON). With a value filter it sets the
 *       sub-attribute (or merges the object) of the matching entries; when none matches and the filter is made of
 *       {@code eq} terms, a new entry carrying those terms is appended (as Entra ID expects for
 *       {@code emails[type eq "work"].value}), otherwise {@code noTarget}.</li>
 *   <li><b>replace</b> (§3.5.2.3): sets single-valued attributes, replaces the listed sub-attributes of complex
 *       ones, replaces a whole multi-valued attribute, or (with a value filter) the matching entries or their
 *       sub-attribute; a filter that matches nothing is {@code noTarget}; a missing attribute is added.</li>
 *   <li><b>remove</b> (§3.5.2.2): removes the attribute or sub-attribute; with a filter, the matching entries (the
 *       attribute is unassigned when none remain) or their sub-attribute. A filter that matches nothing is
 *       {@code noTarget} (§3.12: "the specified path value contains a filter that yields no match"); removing an
 *       attribute that has no value is a no-op.</li>
 * </ul>
 * Path-less add/replace take an object of attributes; its keys may be paths ({@code name.givenName}) or schema
 * URNs whose objects merge into the extension object. Names match case-insensitively and keep the document's
 * spelling (new keys take the schema's spelling). {@code readOnly} attributes ({@code id}, {@code meta},
 * {@code groups}) raise {@code mutability}, as does changing or removing an {@code immutable} value that is
 * already set; {@code writeOnly} attributes ({@code password}) are accepted and discarded; values of attributes the schema knows are type-checked
 * ({@code invalidValue}); a value set to {@code primary: true} clears {@code primary} on its siblings
 * (RFC 7643 §2.4). A null value unassigns the attribute (RFC 7643 §2.5). Stateless and thread-safe.
 */
public final class PatchEngine {
    private PatchEngine() {}

    public static ObjectNode apply(ObjectNode document, List<PatchOperation> operations, ResourceType type) {
        ObjectNode doc = document.deepCopy();
        for (PatchOperation op : operations) {
            switch (op) {
                case PatchOperation.Add add -> {
                    if (add.path() == null) pathless(doc, add.value(), type, false);
                    else set(doc, add.path(), add.value(), type, false);
                }
                case PatchOperation.Replace replace -> {
                    if (replace.path() == null) pathless(doc, replace.value(), type, true);
                    else set(doc, replace.path(), replace.value(), type, true);
                }
                case PatchOperation.Remove remove -> remove(doc, remove.path(), type);
            }
        }
        return doc;
    }

    // ---- path-less add / replace: one operation per key of the value object

    private static void pathless(ObjectNode doc, JsonNode value, ResourceType type, boolean replace) {
        if (value == null || !value.isObject()) {
            throw new ScimException.InvalidValue("A PATCH '" + (replace ? "replace" : "add") + "' without a path "
                    + "needs an object of attributes as its value, e.g. {\"active\": false}");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equalsIgnoreCase("schemas")) continue; // declares schemas; the document carries its own
            if (isUrn(key) && v.isObject()) {
                if (key.equalsIgnoreCase(CoreSchemas.core(type).id())) {
                    pathless(doc, v, type, replace);
                } else {
                    set(doc, PatchPath.of(new AttributePath(null, key, null)), v, type, replace);
                }
                continue;
            }
            PatchPath path = PatchPathParser.parse(key);
            if (path.valueFilter() == null && path.attribute().subAttribute() == null
                    && isUnchangedReadOnly(doc, path.attribute(), v, type)) {
                continue; // echoing "id" or "meta" as they are changes nothing
            }
            set(doc, path, v, type, replace);
        }
    }

    private static boolean isUnchangedReadOnly(ObjectNode doc, AttributePath path, JsonNode value, ResourceType type) {
        AttributeDefinition def = definition(type, path.schemaUrn(), path.attribute());
        if (def == null || def.mutability() != Mutability.READ_ONLY) return false;
        Location loc = locate(doc, path, type, false);
        JsonNode current = loc.container() == null ? null : field(loc.container(), path.attribute());
        return value.equals(current);
    }

    // ---- add / replace with a path

    private static void set(ObjectNode doc, PatchPath path, JsonNode value, ResourceType type, boolean replace) {
        AttributePath attr = path.attribute();
        String label = label(path);
        if (value.isNull()) {
            remove(doc, path, type, true);
            return;
        }
        Location loc = locate(doc, attr, type, true);
        if (loc.extensionObject() && !value.isObject()) {
            throw new ScimException.InvalidValue("The value for the extension '" + label + "' must be an object of "
                    + "its attributes, not " + describe(value));
        }
        if (loc.extensionObject() && path.valueFilter() == null) {
            // {"urn:...:User": {...}}: each attribute of the extension follows its own rules (and type checks)
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                String name = e.getKey();
                int dot = name.indexOf('.');
                AttributePath inner = new AttributePath(loc.key(), dot < 0 ? name : name.substring(0, dot),
                        dot < 0 ? null : name.substring(dot + 1));
                set(doc, PatchPath.of(inner), e.getValue(), type, replace);
            }
            return;
        }
        AttributeDefinition def = loc.definition();
        checkReadOnly(def, label);
        if (def != null && def.mutability() == Mutability.WRITE_ONLY) {
            return; // e.g. password: accepted and discarded, so it can never be stored or returned
        }
        ObjectNode container = loc.container();
        String key = existingKey(container, loc.key(), def);
        JsonNode existing = container.get(key);

        if (path.valueFilter() != null) {
            setFiltered(container, key, existing, path, value, def, type, replace, label);
            return;
        }
        if (attr.subAttribute() != null) {
            if ((existing != null && existing.isArray()) || (def != null && def.multiValued())) {
                throw new ScimException.InvalidPath("Invalid path '" + label + "': '" + attr.attribute()
                        + "' is multi-valued; select the values with a filter, e.g. " + attr.attribute()
                        + "[type eq \"work\"]." + attr.subAttribute());
            }
            if (existing != null && !existing.isObject()) {
                throw new ScimException.InvalidPath("Invalid path '" + label + "': '" + attr.attribute()
                        + "' is not a complex attribute and has no sub-attribute '" + attr.subAttribute() + "'");
            }
            AttributeDefinition subDef = def == null ? null : def.sub(attr.subAttribute()).orElse(null);
            checkReadOnly(subDef, label);
            checkType(subDef, value, label);
            ObjectNode parent = existing == null ? container.putObject(key) : (ObjectNode) existing;
            String subKey = existingKey(parent, attr.subAttribute(), subDef);
            checkImmutable(subDef, parent.get(subKey), value, label);
            parent.set(subKey, value.deepCopy());
            return;
        }
        boolean multi = def != null ? def.multiValued() : (existing != null && existing.isArray()) || value.isArray();
        if (multi) {
            List<JsonNode> values = new ArrayList<>();
            if (value.isArray()) value.forEach(values::add); else values.add(value);
            for (JsonNode v : values) checkElementType(def, v, label);
            ArrayNode list = replace || existing == null || !existing.isArray() ? Json.array() : (ArrayNode) existing;
            Set<JsonNode> added = Collections.newSetFromMap(new IdentityHashMap<>());
            for (JsonNode v : values) {
                if (v.isNull() || contains(list, v)) continue;
                JsonNode copy = v.deepCopy();
                list.add(copy);
                added.add(copy);
            }
            if (list.isEmpty()) container.remove(key); else container.set(key, list);
            keepOnePrimary(list, added);
            return;
        }
        checkType(def, value, label);
        boolean complex = def != null ? def.type() == AttributeType.COMPLEX : existing != null && existing.isObject();
        if (complex && value.isObject() && existing != null && existing.isObject()) {
            // RFC 7644 §3.5.2.1/§3.5.2.3: listed sub-attributes are set, the others are left unchanged
            ObjectNode target = (ObjectNode) existing;
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                AttributeDefinition subDef = def == null ? null : def.sub(e.getKey()).orElse(null);
                checkReadOnly(subDef, label + "." + e.getKey());
                String subKey = existingKey(target, e.getKey(), subDef);
                if (e.getValue().isNull()) target.remove(subKey); else target.set(subKey, e.getValue().deepCopy());
            }
            return;
        }
        checkImmutable(def, existing, value, label);
        container.set(key, value.deepCopy());
    }

    private static void setFiltered(ObjectNode container, String key, JsonNode existing, PatchPath path,
            JsonNode value, AttributeDefinition def, ResourceType type, boolean replace, String label) {
        String subName = path.subAttribute();
        AttributeDefinition subDef = def == null || subName == null ? null : def.sub(subName).orElse(null);
        checkReadOnly(subDef, label);
        if (subName != null) checkType(subDef, value, label); else checkElementType(def, value, label);
        if (subName == null && !value.isObject()) {
            throw new ScimException.InvalidValue("The value for '" + label + "' must be an object with the "
                    + "sub-attributes of the selected entries");
        }
        checkFilterable(existing, def, label);
        ArrayNode list = existing != null && existing.isArray() ? (ArrayNode) existing : null;
        List<ObjectNode> matches = matching(list, path.valueFilter(), def, type);
        Set<JsonNode> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        if (matches.isEmpty()) {
            ObjectNode created = replace ? null : entryFromEqualities(path.valueFilter());
            if (created == null) throw noTarget(label);
            if (list == null) {
                list = Json.array();
                container.set(key, list);
            }
            matches = List.of(created);
            list.add(created);
        }
        for (int i = 0; i < matches.size(); i++) {
            ObjectNode entry = matches.get(i);
            if (subName != null) {
                String subKey = existingKey(entry, subName, subDef);
                checkImmutable(subDef, entry.get(subKey), value, label);
                entry.set(subKey, value.deepCopy());
            } else if (replace) {
                ObjectNode fresh = (ObjectNode) value.deepCopy();
                int index = indexOf(list, entry);
                list.set(index, fresh);
                entry = fresh;
            } else {
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    AttributeDefinition sd = def == null ? null : def.sub(e.getKey()).orElse(null);
                    entry.set(existingKey(entry, e.getKey(), sd), e.getValue().deepCopy());
                }
            }
            touched.add(entry);
        }
        keepOnePrimary(list, touched);
    }

    /** For add with {@code attr[type eq "work"]} and no match: the entry those equalities describe, else null. */
    private static ObjectNode entryFromEqualities(Filter filter) {
        ObjectNode entry = Json.object();
        return collectEqualities(filter, entry) ? entry : null;
    }

    private static boolean collectEqualities(Filter filter, ObjectNode entry) {
        return switch (filter) {
            case Filter.And and -> collectEqualities(and.left(), entry) && collectEqualities(and.right(), entry);
            case Filter.Compare c when c.op() == CompareOp.EQ && c.path().schemaUrn() == null
                    && c.path().subAttribute() == null && !c.value().isNull() -> {
                entry.set(c.path().attribute(), c.value());
                yield true;
            }
            default -> false;
        };
    }

    // ---- remove

    private static void remove(ObjectNode doc, PatchPath path, ResourceType type) {
        remove(doc, path, type, false);
    }

    private static void remove(ObjectNode doc, PatchPath path, ResourceType type, boolean bySettingNull) {
        AttributePath attr = path.attribute();
        String label = label(path);
        Location loc = locate(doc, attr, type, false);
        AttributeDefinition def = loc.definition();
        checkReadOnly(def, label);
        if (def != null && def.required() && attr.subAttribute() == null && path.valueFilter() == null) {
            throw new ScimException.InvalidValue("'" + def.name() + "' is required and cannot be removed; "
                    + "replace it with a new value instead");
        }
        ObjectNode container = loc.container();
        if (container == null) {
            if (path.valueFilter() != null) throw noTarget(label);
            return;
        }
        String key = existingKey(container, loc.key(), def);
        JsonNode existing = container.get(key);
        if (path.valueFilter() != null) {
            checkFilterable(existing, def, label);
            ArrayNode list = existing != null && existing.isArray() ? (ArrayNode) existing : null;
            List<ObjectNode> matches = matching(list, path.valueFilter(), def, type);
            if (matches.isEmpty()) {
                if (bySettingNull) return;
                throw noTarget(label);
            }
            if (path.subAttribute() == null) {
                Set<JsonNode> doomed = Collections.newSetFromMap(new IdentityHashMap<>());
                doomed.addAll(matches);
                for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
                    if (doomed.contains(it.next())) it.remove();
                }
                if (list.isEmpty()) container.remove(key);
            } else {
                AttributeDefinition subDef = def == null ? null : def.sub(path.subAttribute()).orElse(null);
                checkReadOnly(subDef, label);
                for (ObjectNode entry : matches) {
                    String subKey = existingKey(entry, path.subAttribute(), subDef);
                    checkImmutable(subDef, entry.get(subKey), null, label);
                    entry.remove(subKey);
                }
            }
            return;
        }
        if (existing == null) return;
        if (attr.subAttribute() == null) {
            container.remove(key);
            if (loc.extensionObject()) removeSchemaEntry(doc, key);
            else dropIfEmptyExtension(doc, container);
            return;
        }
        AttributeDefinition subDef = def == null ? null : def.sub(attr.subAttribute()).orElse(null);
        checkReadOnly(subDef, label);
        List<JsonNode> parents = new ArrayList<>();
        if (existing.isArray()) existing.forEach(parents::add); else parents.add(existing);
        for (JsonNode p : parents) {
            if (p instanceof ObjectNode o) {
                String subKey = existingKey(o, attr.subAttribute(), subDef);
                checkImmutable(subDef, o.get(subKey), null, label);
                o.remove(subKey);
            }
        }
        if (existing.isObject() && existing.isEmpty()) container.remove(key);
    }

    /** An extension object left without attributes is unassigned (RFC 7643 §2.5), as is its "schemas" entry. */
    private static void dropIfEmptyExtension(ObjectNode doc, ObjectNode container) {
        if (container == doc || !container.isEmpty()) return;
        String extKey = null;
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            if (e.getValue() == container) extKey = e.getKey();
        }
        if (extKey == null) return;
        doc.remove(extKey);
        removeSchemaEntry(doc, extKey);
    }

    private static void removeSchemaEntry(ObjectNode doc, String extKey) {
        JsonNode schemas = field(doc, "schemas");
        if (schemas instanceof ArrayNode list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).isTextual() && list.get(i).textValue().equalsIgnoreCase(extKey)) list.remove(i);
            }
        }
    }

    // ---- resolution

    /**
     * Where an attribute lives: the document itself for core attributes, or the extension object keyed by the
     * schema URN ({@code container} is null when that object is missing and {@code create} is false).
     * {@code extensionObject} is true when the path names the extension object itself
     * (e.g. {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}).
     */
    private record Location(ObjectNode container, String key, AttributeDefinition definition,
            boolean extensionObject) {}

    private static Location locate(ObjectNode doc, AttributePath path, ResourceType type, boolean create) {
        String urn = path.schemaUrn();
        if (urn == null || urn.equalsIgnoreCase(CoreSchemas.core(type).id())) {
            boolean ext = urn == null && isUrn(path.attribute()) && path.subAttribute() == null;
            return new Location(doc, path.attribute(), ext ? null : definition(type, null, path.attribute()), ext);
        }
        String whole = urn + ":" + path.attribute();
        if (path.subAttribute() == null && (knownExtension(type, whole) != null
                || (field(doc, whole) != null && field(doc, whole).isObject()))) {
            return new Location(doc, whole, null, true);
        }
        String extKey = existingKey(doc, urn, null);
        JsonNode ext = doc.get(extKey);
        if (ext != null && !ext.isObject()) {
            throw new ScimException.InvalidPath("Invalid path '" + path + "': '" + extKey + "' is not an extension "
                    + "object");
        }
        if (ext == null && create) {
            ResourceSchema known = knownExtension(type, urn);
            extKey = known != null ? known.id() : urn;
            ext = doc.putObject(extKey);
            JsonNode schemas = field(doc, "schemas");
            if (schemas instanceof ArrayNode list && !containsIgnoreCase(list, extKey)) list.add(extKey);
        }
        return new Location((ObjectNode) ext, path.attribute(), definition(type, urn, path.attribute()), false);
    }

    private static AttributeDefinition definition(ResourceType type, String urn, String attribute) {
        if ((urn == null || urn.equalsIgnoreCase(CoreSchemas.core(type).id())) && attribute.equalsIgnoreCase("meta")) {
            return FilterEvaluator.META;
        }
        return CoreSchemas.find(type, urn, attribute).orElse(null);
    }

    private static ResourceSchema knownExtension(ResourceType type, String urn) {
        for (ResourceSchema s : CoreSchemas.extensions(type)) {
            if (s.id().equalsIgnoreCase(urn)) return s;
        }
        return null;
    }

    private static List<ObjectNode> matching(ArrayNode list, Filter filter, AttributeDefinition def,
            ResourceType type) {
        List<ObjectNode> out = new ArrayList<>();
        if (list == null) return out;
        for (JsonNode element : list) {
            if (element instanceof ObjectNode o && FilterEvaluator.matchesValue(filter, o, def, type)) out.add(o);
        }
        return out;
    }

    /** The key already used in the object for this name (any case), else the schema's spelling, else as given. */
    private static String existingKey(ObjectNode container, String name, AttributeDefinition def) {
        if (container != null) {
            if (container.has(name)) return name;
            for (Map.Entry<String, JsonNode> e : container.properties()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getKey();
            }
        }
        return def != null && def.name().equalsIgnoreCase(name) ? def.name() : name;
    }

    private static JsonNode field(ObjectNode container, String name) {
        return container.get(existingKey(container, name, null));
    }

    // ---- rules

    /** RFC 7643 §2.4: at most one value of a multi-valued attribute is primary; the newly set one wins. */
    private static void keepOnePrimary(ArrayNode list, Set<JsonNode> touched) {
        if (list == null) return;
        JsonNode winner = null;
        for (JsonNode e : list) {
            if (touched.contains(e) && isPrimary(e)) winner = e;
        }
        if (winner == null) return;
        for (JsonNode e : list) {
            if (e != winner && isPrimary(e) && e instanceof ObjectNode o) {
                o.set(existingKey(o, "primary", null), BooleanNode.FALSE);
            }
        }
    }

    private static boolean isPrimary(JsonNode entry) {
        if (!(entry instanceof ObjectNode o)) return false;
        JsonNode p = field(o, "primary");
        return p != null && p.isBoolean() && p.booleanValue();
    }

    private static void checkReadOnly(AttributeDefinition def, String label) {
        if (def != null && def.mutability() == Mutability.READ_ONLY) {
            throw new ScimException.Mutability("'" + label + "' is readOnly and cannot be changed by PATCH"
                    + (def.name().equals("groups") ? "; change group membership through /Groups" : ""));
        }
    }

    /** RFC 7643 §2.2: an immutable value may be set once (or set again unchanged) but never changed or removed. */
    private static void checkImmutable(AttributeDefinition def, JsonNode current, JsonNode value, String label) {
        if (def == null || def.mutability() != Mutability.IMMUTABLE || current == null || current.isNull()) return;
        if (!current.equals(value)) {
            throw new ScimException.Mutability("'" + label + "' is immutable: it was set once and cannot be "
                    + (value == null ? "removed" : "changed"));
        }
    }

    private static void checkFilterable(JsonNode existing, AttributeDefinition def, String label) {
        if ((def != null && !def.multiValued()) || (existing != null && !existing.isArray())) {
            throw new ScimException.InvalidPath("Invalid path '" + label + "': a value filter '[...]' selects "
                    + "values of a multi-valued attribute, and this attribute is single-valued");
        }
    }

    private static void checkElementType(AttributeDefinition def, JsonNode value, String label) {
        if (def == null || value.isNull()) return;
        checkSingle(def, value, label);
    }

    private static void checkType(AttributeDefinition def, JsonNode value, String label) {
        if (def == null || value.isNull()) return;
        if (def.multiValued() && value.isArray()) {
            for (JsonNode v : value) checkSingle(def, v, label);
        } else {
            checkSingle(def, value, label);
        }
    }

    private static void checkSingle(AttributeDefinition def, JsonNode value, String label) {
        ValueCheck.checkSingle(def, value, label);
    }

    private static String describe(JsonNode v) {
        return ValueCheck.describe(v);
    }

    private static ScimException noTarget(String label) {
        return new ScimException.NoTarget("No value matches the filter of path '" + label + "'");
    }

    private static String label(PatchPath path) {
        StringBuilder b = new StringBuilder(path.attribute().toString());
        if (path.valueFilter() != null) b.append('[').append(FilterPrinter.print(path.valueFilter())).append(']');
        if (path.subAttribute() != null) b.append('.').append(path.subAttribute());
        return b.toString();
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode e : list) if (e.equals(value)) return true;
        return false;
    }

    private static boolean containsIgnoreCase(ArrayNode list, String text) {
        for (JsonNode e : list) if (e.isTextual() && e.textValue().equalsIgnoreCase(text)) return true;
        return false;
    }

    private static int indexOf(ArrayNode list, JsonNode entry) {
        for (int i = 0; i < list.size(); i++) if (list.get(i) == entry) return i;
        throw new IllegalStateException("matched entry is not in its list");
    }

    private static boolean isUrn(String name) {
        return name.regionMatches(true, 0, "urn:", 0, 4);
    }
}
