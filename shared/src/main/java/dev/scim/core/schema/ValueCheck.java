package dev.scim.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.error.ScimException;
import java.util.Locale;
import java.util.Map;

/**
 * The one type check of a value against its attribute definition (RFC 7643 §2.3), used for whole resources
 * (POST, PUT) and for PATCH values alike, so both give the same answer and the same message.
 */
public final class ValueCheck {
    private ValueCheck() {}

    /**
     * Checks one value (one element, for a multi-valued attribute) and, for complex values, the sub-attributes
     * the schema knows. Nulls pass: they clear the attribute.
     *
     * @throws ScimException.InvalidValue naming {@code label} and what was expected
     */
    public static void checkSingle(AttributeDefinition def, JsonNode value, String label) {
        if (value == null || value.isNull()) return;
        boolean ok = switch (def.type()) {
            case STRING, REFERENCE, BINARY, DATE_TIME -> value.isTextual();
            case BOOLEAN -> value.isBoolean();
            case INTEGER -> value.isIntegralNumber();
            case DECIMAL -> value.isNumber();
            case COMPLEX -> value.isObject();
        };
        if (!ok) {
            String expected = def.type() == AttributeType.COMPLEX ? "an object of sub-attributes"
                    : (def.type() == AttributeType.INTEGER ? "an " : "a ") + def.type().wireName();
            throw new ScimException.InvalidValue("'" + label + "' must be " + expected + ", not " + describe(value));
        }
        if (def.type() == AttributeType.COMPLEX) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                AttributeDefinition sub = def.sub(e.getKey()).orElse(null);
                if (sub != null) checkSingle(sub, e.getValue(), label + "." + e.getKey());
            }
        }
    }

    /** How a client would name the JSON type it sent. */
    public static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
