package dev.scim.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scim.core.error.ScimException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Recursive-descent parser for SCIM filters (RFC 7644 §3.4.2.2), one method per grammar rule:
 * <pre>
 * filter     = orExpr EOF
 * orExpr     = andExpr *("or" andExpr)                  ; lowest precedence
 * andExpr    = unary *("and" unary)
 * unary      = "not" "(" orExpr ")" / "(" orExpr ")" / attrTerm
 * attrTerm   = attrPath ( "[" valFilter "]" / "pr" / compareOp compValue )
 * valFilter  = orExpr without nested value paths
 * attrPath   = [URI ":"] ATTRNAME ["." ATTRNAME]        ; RFC 7643 §2.1 names
 * compValue  = JSON string / number / true / false / null
 * </pre>
 * Keywords and operators are case-insensitive. Whitespace is a space, a tab, or a {@code +} outside quoted strings,
 * because clients and gateways leave form-encoded {@code +} in query strings. {@code and}/{@code or} chains are
 * read in a loop (left-associative), so only parentheses, {@code not} and brackets add recursion, capped at
 * {@link #MAX_DEPTH}; the filter length is capped at {@link #MAX_LENGTH}.
 *
 * <p>Errors are {@link ScimException.InvalidFilter} whose detail quotes the filter and the 0-based position.
 * Instances are single-use and confined to one call; the static entry points are thread-safe.
 */
public final class FilterParser {
    public static final int MAX_LENGTH = 4096;
    public static final int MAX_DEPTH = 50;
    private static final String OPERATORS = "eq, ne, co, sw, ew, gt, ge, lt, le, pr";
    private static final int QUOTE_LIMIT = 200;

    /** Builds the exception for a syntax problem found at an offset of the text; lets PATCH paths reuse the rules. */
    @FunctionalInterface
    public interface SyntaxErrors {
        ScimException at(String problem, int offset);
    }

    private final String text;
    private final int end;
    private final SyntaxErrors errors;
    private int pos;
    private int depth;
    private boolean insideValuePath;

    private FilterParser(String text, int start, int end, SyntaxErrors errors) {
        this.text = text;
        this.pos = start;
        this.end = end;
        this.errors = errors;
    }

    /** Parses a {@code filter} query parameter (already URL-decoded). */
    public static Filter parse(String filter) {
        if (filter == null || filter.isBlank() || filter.chars().allMatch(c -> c == ' ' || c == '\t' || c == '+')) {
            throw new ScimException.InvalidFilter("Invalid filter '" + (filter == null ? "" : filter)
                    + "': the filter is empty; expected e.g. userName eq \"bjensen\"", 0);
        }
        if (filter.length() > MAX_LENGTH) {
            throw new ScimException.InvalidFilter("Invalid filter: it is " + filter.length()
                    + " characters long; at most " + MAX_LENGTH + " are accepted", MAX_LENGTH);
        }
        FilterParser p = new FilterParser(filter, 0, filter.length(), filterErrors(filter));
        Filter f = p.orExpr();
        p.expectEnd();
        return f;
    }

    /**
     * Parses the {@code valFilter} between {@code [} and {@code ]} of a value path (e.g. a PATCH path), from
     * {@code start} (inclusive) to {@code end} (exclusive) of {@code text}; offsets in errors are into {@code text}.
     */
    public static Filter parseValueFilter(String text, int start, int end, SyntaxErrors errors) {
        FilterParser p = new FilterParser(text, start, end, errors);
        p.insideValuePath = true;
        p.skipSpaces();
        if (p.atEnd()) throw errors.at("the value filter between '[' and ']' is empty", start);
        Filter f = p.orExpr();
        p.expectEnd();
        return f;
    }

    /** Parses an {@code attrPath} that spans exactly {@code start..end} of {@code text}. */
    public static AttributePath parseAttributePath(String text, int start, int end, SyntaxErrors errors) {
        return new FilterParser(text, start, end, errors).attributePath(start, end);
    }

    // orExpr = andExpr *("or" andExpr)
    private Filter orExpr() {
        Filter left = andExpr();
        while (keywordAhead("or")) {
            left = new Filter.Or(left, andExpr());
        }
        return left;
    }

    // andExpr = unary *("and" unary)
    private Filter andExpr() {
        Filter left = unary();
        while (keywordAhead("and")) {
            left = new Filter.And(left, unary());
        }
        return left;
    }

    // unary = "not" "(" orExpr ")" / "(" orExpr ")" / attrTerm
    private Filter unary() {
        skipSpaces();
        if (atEnd()) {
            throw fail("expected an attribute name, '(' or 'not' but found the end of the filter", pos);
        }
        int start = pos;
        if (peekWordIs("not")) {
            pos += 3;
            skipSpaces();
            if (atEnd() || text.charAt(pos) != '(') {
                throw fail("expected '(' after 'not' (write not (expression))" + found(), pos);
            }
            return new Filter.Not(parenthesized());
        }
        if (text.charAt(pos) == '(') return parenthesized();
        if (!isWordChar(text.charAt(pos))) {
            throw fail("expected an attribute name, '(' or 'not'" + found(), start);
        }
        return attrTerm();
    }

    private Filter parenthesized() {
        int open = pos;
        pos++; // '('
        enter(open);
        Filter inner = orExpr();
        skipSpaces();
        if (atEnd() || text.charAt(pos) != ')') {
            throw fail("expected ')' to close the '(' at position " + open + found(), pos);
        }
        pos++;
        depth--;
        return inner;
    }

    // attrTerm = attrPath ( "[" valFilter "]" / "pr" / compareOp compValue )
    private Filter attrTerm() {
        int start = pos;
        while (!atEnd() && isWordChar(text.charAt(pos))) pos++;
        int wordEnd = pos;
        if (!atEnd() && text.charAt(pos) == '[') {
            return valuePath(start, wordEnd);
        }
        skipSpaces();
        int opStart = pos;
        String op = word();
        if (op.isEmpty()) {
            // At the end, the bare message is what a client probing with a plain value (Okta) can act on.
            throw fail("expected an operator (" + OPERATORS + ")" + (atEnd() ? "" : found()), opStart);
        }
        if (op.equalsIgnoreCase("pr")) {
            return new Filter.Present(attributePath(start, wordEnd));
        }
        CompareOp compareOp = CompareOp.fromToken(op).orElseThrow(() ->
                fail("expected an operator (" + OPERATORS + ") but found '" + op + "'", opStart));
        AttributePath path = attributePath(start, wordEnd);
        return new Filter.Compare(path, compareOp, compValue());
    }

    // valuePath = attrPath "[" valFilter "]"
    private Filter valuePath(int start, int wordEnd) {
        if (insideValuePath) {
            throw fail("a value filter cannot contain another '[' (nested value paths are not allowed)", wordEnd);
        }
        AttributePath path = attributePath(start, wordEnd);
        if (path.subAttribute() != null) {
            throw fail("'[' must follow a multi-valued attribute, not the sub-attribute '" + path + "'", wordEnd);
        }
        int open = pos;
        pos++; // '['
        enter(open);
        insideValuePath = true;
        skipSpaces();
        if (!atEnd() && text.charAt(pos) == ']') throw fail("the value filter between '[' and ']' is empty", pos);
        Filter inner = orExpr();
        skipSpaces();
        if (atEnd() || text.charAt(pos) != ']') {
            throw fail("expected ']' to close the '[' at position " + open + found(), pos);
        }
        pos++;
        insideValuePath = false;
        depth--;
        return new Filter.ValuePath(path, inner);
    }

    // attrPath = [URI ":"] ATTRNAME ["." ATTRNAME]; the URN is everything up to the last ':'.
    private AttributePath attributePath(int start, int stop) {
        String raw = text.substring(start, stop);
        if (raw.isEmpty()) throw fail("expected an attribute name", start);
        int colon = raw.lastIndexOf(':');
        String urn = colon < 0 ? null : raw.substring(0, colon);
        String rest = raw.substring(colon + 1);
        if (urn != null && (urn.isEmpty() || urn.endsWith(":") || !isUrn(urn))) {
            throw fail("'" + raw + "' is not an attribute path: a schema prefix must be a URN such as "
                    + "urn:ietf:params:scim:schemas:core:2.0:User", start);
        }
        int dot = rest.indexOf('.');
        String attr = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        int attrOffset = start + colon + 1;
        checkName(raw, attr, attrOffset);
        if (sub != null) checkName(raw, sub, attrOffset + dot + 1);
        return new AttributePath(urn, attr, sub);
    }

    private void checkName(String raw, String name, int offset) {
        boolean ok = !name.isEmpty() && (Character.isLetter(name.charAt(0)) && name.charAt(0) < 128
                || name.charAt(0) == '$');
        for (int i = 1; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_');
        }
        if (!ok) {
            throw fail("'" + raw + "' is not a valid attribute path (names start with a letter and contain "
                    + "letters, digits, '-' or '_', e.g. name.familyName)", offset);
        }
    }

    private static boolean isUrn(String urn) {
        if (!urn.regionMatches(true, 0, "urn:", 0, 4)) return false;
        for (int i = 0; i < urn.length(); i++) {
            char c = urn.charAt(i);
            if (c >= 128 || !(Character.isLetterOrDigit(c) || c == ':' || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    // compValue = false / null / true / number / string
    private JsonNode compValue() {
        skipSpaces();
        if (atEnd()) {
            throw fail("expected a value (a \"quoted string\", a number, true, false or null)" + found(), pos);
        }
        char c = text.charAt(pos);
        if (c == '"') return string();
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        int start = pos;
        String w = word();
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "true" -> BooleanNode.TRUE;
            case "false" -> BooleanNode.FALSE;
            case "null" -> NullNode.instance;
            default -> throw fail("expected a value (a \"quoted string\", a number, true, false or null) but found '"
                    + (w.isEmpty() ? String.valueOf(c) : w) + "'", start);
        };
    }

    // string = JSON string (RFC 8259 §7); '+' inside quotes is kept as is.
    private JsonNode string() {
        int open = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (atEnd()) throw fail("unterminated string: the '\"' has no closing quote; it starts", open);
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return TextNode.valueOf(b.toString());
            }
            if (c == '\\') {
                if (pos + 1 >= end) throw fail("unterminated string: the '\"' has no closing quote; it starts", open);
                char e = text.charAt(pos + 1);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 6 > end || !isHex(text.substring(pos + 2, pos + 6))) {
                            throw fail("invalid escape: \\u must be followed by four hex digits", pos);
                        }
                        b.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
                        pos += 4;
                    }
                    default -> throw fail("invalid escape '\\" + e + "' in a string (allowed: \\\" \\\\ \\/ \\b \\f "
                            + "\\n \\r \\t \\uXXXX)", pos);
                }
                pos += 2;
                continue;
            }
            b.append(c);
            pos++;
        }
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return false;
        }
        return true;
    }

    // number = ["-"] int [frac] [exp] (RFC 8259 §6); the '+' of an exponent belongs to the number.
    private JsonNode number() {
        int start = pos;
        if (text.charAt(pos) == '-') pos++;
        int intStart = pos;
        while (!atEnd() && isDigit(text.charAt(pos))) pos++;
        boolean integral = true;
        boolean valid = pos > intStart && !(text.charAt(intStart) == '0' && pos - intStart > 1);
        if (valid && !atEnd() && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            int fracStart = pos;
            while (!atEnd() && isDigit(text.charAt(pos))) pos++;
            valid = pos > fracStart;
        }
        if (valid && !atEnd() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (!atEnd() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            int expStart = pos;
            while (!atEnd() && isDigit(text.charAt(pos))) pos++;
            valid = pos > expStart;
        }
        if (!valid || (!atEnd() && isWordChar(text.charAt(pos)))) {
            while (!atEnd() && isWordChar(text.charAt(pos))) pos++;
            throw fail("'" + text.substring(start, pos) + "' is not a valid number", start);
        }
        String n = text.substring(start, pos);
        if (!integral) return DecimalNode.valueOf(new BigDecimal(n));
        BigInteger big = new BigInteger(n);
        if (big.bitLength() < 32) return IntNode.valueOf(big.intValue());
        if (big.bitLength() < 64) return LongNode.valueOf(big.longValue());
        return BigIntegerNode.valueOf(big);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private void expectEnd() {
        skipSpaces();
        if (!atEnd()) {
            int start = pos;
            String w = word();
            String what = w.isEmpty() ? String.valueOf(text.charAt(start)) : w;
            throw fail("unexpected '" + what + "'; expected 'and', 'or' or the end of the "
                    + (insideValuePath ? "value filter" : "filter"), start);
        }
    }

    /** Consumes the keyword if it is the next word (followed by a separator), after optional spaces. */
    private boolean keywordAhead(String keyword) {
        int save = pos;
        skipSpaces();
        if (peekWordIs(keyword)) {
            pos += keyword.length();
            return true;
        }
        pos = save;
        return false;
    }

    private boolean peekWordIs(String keyword) {
        int stop = pos + keyword.length();
        return stop <= end && text.regionMatches(true, pos, keyword, 0, keyword.length())
                && (stop == end || !isWordChar(text.charAt(stop)));
    }

    private String word() {
        int start = pos;
        while (!atEnd() && isWordChar(text.charAt(pos))) pos++;
        return text.substring(start, pos);
    }

    private String found() {
        if (atEnd()) return " but found the end of the " + (insideValuePath ? "value filter" : "filter");
        int save = pos;
        String w = word();
        pos = save;
        return " but found '" + (w.isEmpty() ? String.valueOf(text.charAt(pos)) : w) + "'";
    }

    private void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw fail("the filter nests parentheses or brackets more than " + MAX_DEPTH + " levels deep", at);
        }
    }

    private void skipSpaces() {
        while (!atEnd() && isSpace(text.charAt(pos))) pos++;
    }

    private boolean atEnd() { return pos >= end; }

    private static boolean isSpace(char c) { return c == ' ' || c == '\t' || c == '+'; }

    /** Characters of a word: attribute paths (with URN prefixes), operators, keywords and bare literals. */
    private static boolean isWordChar(char c) {
        return !isSpace(c) && c != '(' && c != ')' && c != '[' && c != ']' && c != '"';
    }

    private ScimException fail(String problem, int offset) {
        return errors.at(problem, offset);
    }

    private static SyntaxErrors filterErrors(String filter) {
        String quoted = quote(filter);
        return (problem, offset) -> new ScimException.InvalidFilter(
                "Invalid filter '" + quoted + "': " + problem + " at position " + offset, offset);
    }

    /** The text as quoted in an error detail: long input is shortened so a detail stays readable. */
    public static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
    }
}
