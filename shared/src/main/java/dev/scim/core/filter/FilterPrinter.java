package dev.scim.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.json.Json;

/**
 * Prints a {@link Filter} in a canonical wire form (RFC 7644 §3.4.2.2) that {@link FilterParser#parse} reads back
 * into an equal tree: lower-case operators, single spaces, JSON literals, and parentheses only where precedence
 * ({@code not} > {@code and} > {@code or}) or the parser's left-associativity needs them. Stateless and thread-safe.
 */
public final class FilterPrinter {
    private FilterPrinter() {}

    public static String print(Filter filter) {
        StringBuilder b = new StringBuilder();
        append(b, filter);
        return b.toString();
    }

    private static void append(StringBuilder b, Filter f) {
        switch (f) {
            case Filter.Or or -> {
                operand(b, or.left(), false);
                b.append(" or ");
                // a right operand that is itself an 'or' would re-parse left-associated: keep its parentheses
                operand(b, or.right(), or.right() instanceof Filter.Or);
            }
            case Filter.And and -> {
                operand(b, and.left(), and.left() instanceof Filter.Or);
                b.append(" and ");
                operand(b, and.right(), and.right() instanceof Filter.Or || and.right() instanceof Filter.And);
            }
            case Filter.Not not -> {
                b.append("not (");
                append(b, not.inner());
                b.append(')');
            }
            case Filter.Compare c -> b.append(c.path()).append(' ').append(c.op().token()).append(' ')
                    .append(literal(c.value()));
            case Filter.Present p -> b.append(p.path()).append(" pr");
            case Filter.ValuePath vp -> {
                b.append(vp.path()).append('[');
                append(b, vp.inner());
                b.append(']');
            }
        }
    }

    private static void operand(StringBuilder b, Filter f, boolean parenthesize) {
        if (parenthesize) b.append('(');
        append(b, f);
        if (parenthesize) b.append(')');
    }

    private static String literal(JsonNode value) {
        // Json.write escapes strings as JSON does, which is the filter grammar's string form.
        return value.isBigDecimal() ? value.decimalValue().toString() : Json.write(value);
    }
}
