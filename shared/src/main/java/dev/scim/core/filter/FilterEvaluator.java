package dev.scim.core.filter;

import static dev.scim.core.schema.AttributeDefinition.complex;
import static dev.scim.core.schema.AttributeDefinition.of;
import static dev.scim.core.schema.AttributeDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.json.Json;
import dev.scim.core.model.ResourceType;
import dev.scim.core.schema.AttributeDefinition;
import dev.scim.core.schema.AttributeType;
import dev.scim.core.schema.CoreSchemas;
import dev.scim.core.schema.Mutability;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a {@link Filter} against one resource document in memory (RFC 7644 §3.4.2.2).
 *
 * <p>The document is the canonical SCIM 2.0 form: {@code id}, {@code externalId}, {@code meta} ({@code created},
 * {@code lastModified} as ISO-8601 strings, {@code resourceType}), core attributes, and extension objects keyed
 * by their schema URN. Rules:
 * <ul>
 *   <li>attribute names match case-insensitively (RFC 7643 §2.1);</li>
 *   <li>strings compare case-insensitively unless {@link CoreSchemas} marks the attribute caseExact
 *       ({@code id}, {@code externalId}, {@code meta.resourceType}); unknown attributes are case-insensitive;</li>
 *   <li>a multi-valued attribute matches if any value matches; a complex multi-valued attribute without a
 *       sub-attribute compares its {@code value} sub-attribute ({@code emails co "@x.com"});</li>
 *   <li>{@code pr} means present and not null or empty; {@code ne} on a missing attribute is true;
 *       {@code eq null} matches a missing attribute;</li>
 *   <li>{@code gt/ge/lt/le} order strings lexicographically, dateTime attributes as instants, numbers
 *       numerically; on booleans, and {@code co/sw/ew} on non-strings, are {@link ScimException.InvalidFilter};</li>
 *   <li>{@code attr[filter]} needs one value of {@code attr} to satisfy the whole inner filter.</li>
 * </ul>
 * Type errors depend only on the filter and the schema, never on the data, so {@link #validate} can reject a
 * filter before any resource is read. Stateless and thread-safe.
 */
public final class FilterEvaluator {
    /**
     * {@code meta} (RFC 7643 §3.1) is common to all resources but is not in {@link CoreSchemas}' attribute lists;
     * its dates are dateTime so they order as instants, and it is read-only for PATCH.
     */
    public static final AttributeDefinition META = complex("meta",
            string("resourceType").caseExact().mutability(Mutability.READ_ONLY).build(),
            of("created", AttributeType.DATE_TIME).mutability(Mutability.READ_ONLY).build(),
            of("lastModified", AttributeType.DATE_TIME).mutability(Mutability.READ_ONLY).build(),
            of("location", AttributeType.REFERENCE).caseExact().mutability(Mutability.READ_ONLY).build(),
            string("version").caseExact().mutability(Mutability.READ_ONLY).build())
            .mutability(Mutability.READ_ONLY).build();

    private FilterEvaluator() {}

    /** True when {@code resource} satisfies {@code filter}; throws InvalidFilter for type misuse. */
    public static boolean matches(Filter filter, ObjectNode resource, ResourceType type) {
        return eval(filter, new Scope(resource, type, null, true));
    }

    /** Rejects type misuse ({@code co} on a boolean, {@code gt} with a non-date on a dateTime...) without data. */
    public static void validate(Filter filter, ResourceType type) {
        check(filter, new Scope(Json.object(), type, null, true));
    }

    /**
     * True when one value of a multi-valued attribute (an element such as {@code {"type":"work","value":"a@x"}})
     * satisfies a value filter as in {@code emails[type eq "work"]}; {@code attribute} is the definition of the
     * multi-valued attribute, or null when the schema does not know it. Used by PATCH value paths.
     */
    public static boolean matchesValue(Filter valueFilter, JsonNode element, AttributeDefinition attribute,
            ResourceType type) {
        return eval(valueFilter, new Scope(element, type, attribute, false));
    }

    /**
     * Where names are resolved: the resource itself, or (inside {@code attr[...]}) one value of a multi-valued
     * attribute whose definition, if known, is {@code parent}.
     */
    private record Scope(JsonNode node, ResourceType type, AttributeDefinition parent, boolean resourceLevel) {}

    /** The values a path designates (arrays flattened, nulls dropped) and their definition if the schema has it. */
    private record Target(List<JsonNode> values, AttributeDefinition def) {}

    private static boolean eval(Filter f, Scope scope) {
        return switch (f) {
            case Filter.And and -> eval(and.left(), scope) && eval(and.right(), scope);
            case Filter.Or or -> eval(or.left(), scope) || eval(or.right(), scope);
            case Filter.Not not -> !eval(not.inner(), scope);
            case Filter.Present p -> resolve(p.path(), scope).values().stream().anyMatch(FilterEvaluator::isPresent);
            case Filter.Compare c -> compare(c, resolve(c.path(), scope));
            case Filter.ValuePath vp -> {
                Target t = resolve(vp.path(), scope);
                for (JsonNode element : t.values()) {
                    if (eval(vp.inner(), new Scope(element, scope.type(), t.def(), false))) yield true;
                }
                yield false;
            }
        };
    }

    private static void check(Filter f, Scope scope) {
        switch (f) {
            case Filter.And and -> { check(and.left(), scope); check(and.right(), scope); }
            case Filter.Or or -> { check(or.left(), scope); check(or.right(), scope); }
            case Filter.Not not -> check(not.inner(), scope);
            case Filter.Present p -> { }
            case Filter.Compare c -> checkOperands(c, comparedDefinition(definition(c.path(), scope)));
            case Filter.ValuePath vp -> check(vp.inner(), new Scope(Json.object(), scope.type(),
                    definition(vp.path(), scope), false));
        }
    }

    private static boolean compare(Filter.Compare c, Target target) {
        AttributeDefinition def = comparedDefinition(target.def());
        checkOperands(c, def);
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode v : target.values()) {
            // a complex value is compared through its "value" sub-attribute (RFC 7644 §3.4.2.2)
            JsonNode leaf = v.isObject() ? v.get("value") : v;
            if (leaf != null && !leaf.isNull()) values.add(leaf);
        }
        JsonNode literal = c.value();
        if (literal.isNull()) return c.op() == CompareOp.EQ ? values.isEmpty() : !values.isEmpty();
        if (c.op() == CompareOp.NE && values.isEmpty()) return true;
        for (JsonNode v : values) {
            if (test(c.op(), v, literal, def)) return true;
        }
        return false;
    }

    private static boolean test(CompareOp op, JsonNode value, JsonNode literal, AttributeDefinition def) {
        int order;
        if (literal.isTextual() && value.isTextual()) {
            String a = value.textValue();
            String b = literal.textValue();
            if (def != null && def.type() == AttributeType.DATE_TIME && isOrderingOrEquality(op)) {
                Instant instant = instantOrNull(a);
                if (instant == null) return op == CompareOp.NE;
                order = instant.compareTo(instantOrNull(b));
            } else {
                if (def == null || !def.caseExact()) {
                    a = a.toLowerCase(Locale.ROOT);
                    b = b.toLowerCase(Locale.ROOT);
                }
                switch (op) {
                    case CO: return a.contains(b);
                    case SW: return a.startsWith(b);
                    case EW: return a.endsWith(b);
                    default: order = a.compareTo(b);
                }
            }
        } else if (literal.isNumber() && value.isNumber()) {
            order = value.decimalValue().compareTo(literal.decimalValue());
        } else if (literal.isBoolean() && value.isBoolean()) {
            order = Boolean.compare(value.booleanValue(), literal.booleanValue());
        } else {
            // different JSON types never match; they are "not equal"
            return op == CompareOp.NE;
        }
        return switch (op) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case CO, SW, EW -> false; // non-strings were rejected by checkOperands
        };
    }

    private static boolean isOrderingOrEquality(CompareOp op) {
        return op != CompareOp.CO && op != CompareOp.SW && op != CompareOp.EW;
    }

    private static void checkOperands(Filter.Compare c, AttributeDefinition def) {
        CompareOp op = c.op();
        JsonNode literal = c.value();
        AttributeType type = def == null ? null : def.type();
        String where = "Invalid filter '" + FilterPrinter.print(c) + "': ";
        switch (op) {
            case EQ, NE -> { }
            case CO, SW, EW -> {
                if (!literal.isTextual()) {
                    throw new ScimException.InvalidFilter(where + "'" + op.token()
                            + "' compares strings; use a \"quoted string\" value");
                }
                if (type == AttributeType.BOOLEAN || type == AttributeType.INTEGER
                        || type == AttributeType.DECIMAL) {
                    throw new ScimException.InvalidFilter(where + "'" + op.token() + "' does not apply to the "
                            + type.wireName() + " attribute '" + c.path() + "'; use eq or ne");
                }
            }
            case GT, GE, LT, LE -> {
                if (literal.isBoolean() || type == AttributeType.BOOLEAN) {
                    throw new ScimException.InvalidFilter(where + "'" + op.token()
                            + "' cannot order booleans; use eq or ne");
                }
                if (literal.isNull()) {
                    throw new ScimException.InvalidFilter(where + "'" + op.token()
                            + "' cannot compare with null; use pr or eq null");
                }
            }
        }
        if (type == AttributeType.DATE_TIME && isOrderingOrEquality(op) && literal.isTextual()
                && instantOrNull(literal.textValue()) == null) {
            throw new ScimException.InvalidFilter(where + "'" + literal.textValue() + "' is not a dateTime; "
                    + "use ISO-8601 such as \"2011-05-13T04:42:34Z\"");
        }
    }

    /** ISO-8601 date-time (xsd:dateTime, RFC 7643 §2.3.5); without an offset it is read as UTC. */
    private static Instant instantOrNull(String text) {
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return t.isSupported(ChronoField.OFFSET_SECONDS) ? Instant.from(t)
                    : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isPresent(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return false;
        if (v.isTextual()) return !v.textValue().isEmpty();
        if (v.isContainerNode()) return !v.isEmpty();
        return true;
    }

    /** The definition that governs compared values: a complex attribute compares through its "value". */
    private static AttributeDefinition comparedDefinition(AttributeDefinition def) {
        if (def != null && def.type() == AttributeType.COMPLEX) return def.sub("value").orElse(null);
        return def;
    }

    private static AttributeDefinition definition(AttributePath path, Scope scope) {
        AttributeDefinition top;
        if (!scope.resourceLevel()) {
            top = scope.parent() == null ? null : scope.parent().sub(path.attribute()).orElse(null);
        } else if (isCore(path, scope.type())) {
            top = path.attribute().equalsIgnoreCase("meta") ? META
                    : CoreSchemas.find(scope.type(), null, path.attribute()).orElse(null);
        } else {
            top = CoreSchemas.find(scope.type(), path.schemaUrn(), path.attribute()).orElse(null);
        }
        if (top == null || path.subAttribute() == null) return top;
        return top.sub(path.subAttribute()).orElse(null);
    }

    private static Target resolve(AttributePath path, Scope scope) {
        AttributeDefinition def = definition(path, scope);
        JsonNode container = scope.node();
        if (scope.resourceLevel() && !isCore(path, scope.type())) {
            container = field(container, path.schemaUrn());
        }
        JsonNode node;
        if (!scope.resourceLevel() && !container.isObject() && path.attribute().equalsIgnoreCase("value")) {
            node = container; // "value" of a multi-valued primitive is the element itself
        } else if (scope.resourceLevel() && path.schemaUrn() == null && path.attribute().equalsIgnoreCase("schemas")
                && field(container, "schemas") == null) {
            node = impliedSchemas((ObjectNode) container, scope.type());
        } else {
            node = field(container, path.attribute());
        }
        List<JsonNode> values = new ArrayList<>();
        if (path.subAttribute() == null) {
            flatten(node, values);
        } else {
            List<JsonNode> parents = new ArrayList<>();
            flatten(node, parents);
            for (JsonNode p : parents) flatten(field(p, path.subAttribute()), values);
        }
        return new Target(values, def);
    }

    private static boolean isCore(AttributePath path, ResourceType type) {
        return path.schemaUrn() == null || path.schemaUrn().equalsIgnoreCase(CoreSchemas.core(type).id());
    }

    /** A document without "schemas" still declares its core schema and the extensions it carries. */
    private static ArrayNode impliedSchemas(ObjectNode resource, ResourceType type) {
        ArrayNode schemas = Json.array().add(CoreSchemas.core(type).id());
        for (Map.Entry<String, JsonNode> e : resource.properties()) {
            if (e.getKey().regionMatches(true, 0, "urn:", 0, 4) && e.getValue().isObject()) {
                schemas.add(TextNode.valueOf(e.getKey()));
            }
        }
        return schemas;
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node == null || node.isNull() || node.isMissingNode()) return;
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element != null && !element.isNull()) out.add(element);
            }
        } else {
            out.add(node);
        }
    }

    /** Field by name, case-insensitively (RFC 7643 §2.1); an exact spelling wins. */
    static JsonNode field(JsonNode container, String name) {
        if (container == null || !container.isObject() || name == null) return null;
        JsonNode exact = container.get(name);
        if (exact != null) return exact;
        for (Map.Entry<String, JsonNode> e : container.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }
}
