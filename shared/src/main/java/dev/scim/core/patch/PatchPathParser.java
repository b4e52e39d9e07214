package dev.scim.core.patch;

import dev.scim.core.error.ScimException;
import dev.scim.core.filter.AttributePath;
import dev.scim.core.filter.Filter;
import dev.scim.core.filter.FilterParser;

/**
 * Parses a PATCH {@code path} (RFC 7644 §3.5.2: {@code PATH = attrPath / valuePath [subAttr]}), e.g.
 * {@code name.givenName}, {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber},
 * {@code emails[type eq "work"].value} or {@code members[value eq "2819c223"]}. The bracketed part is read by
 * {@link FilterParser}'s value-filter rule, so filters mean the same in queries and in paths.
 * Errors are {@link ScimException.InvalidPath} quoting the path and the 0-based position. Thread-safe.
 */
public final class PatchPathParser {
    private PatchPathParser() {}

    public static PatchPath parse(String path) {
        if (path == null || path.isBlank()) {
            throw new ScimException.InvalidPath("Invalid path '" + (path == null ? "" : path)
                    + "': a PATCH path must name an attribute, e.g. name.givenName or emails[type eq \"work\"].value");
        }
        if (path.length() > FilterParser.MAX_LENGTH) {
            throw new ScimException.InvalidPath("Invalid path: it is " + path.length() + " characters long; at most "
                    + FilterParser.MAX_LENGTH + " are accepted");
        }
        String quoted = FilterParser.quote(path);
        FilterParser.SyntaxErrors errors = (problem, offset) -> new ScimException.InvalidPath(
                "Invalid path '" + quoted + "': " + problem + " at position " + offset);
        int open = path.indexOf('[');
        if (open < 0) {
            int stray = path.indexOf(']');
            if (stray >= 0) throw errors.at("']' without a matching '['", stray);
            checkNoSpace(path, 0, path.length(), errors);
            return PatchPath.of(FilterParser.parseAttributePath(path, 0, path.length(), errors));
        }
        checkNoSpace(path, 0, open, errors);
        AttributePath attribute = FilterParser.parseAttributePath(path, 0, open, errors);
        if (attribute.subAttribute() != null) {
            throw errors.at("'[' must follow a multi-valued attribute, not the sub-attribute '" + attribute + "'",
                    open);
        }
        int close = closingBracket(path, open, errors);
        Filter filter = FilterParser.parseValueFilter(path, open + 1, close, errors);
        if (close == path.length() - 1) return new PatchPath(attribute, filter, null);
        if (path.charAt(close + 1) != '.') {
            throw errors.at("expected '.' and a sub-attribute or the end of the path after ']'", close + 1);
        }
        checkNoSpace(path, close + 2, path.length(), errors);
        AttributePath sub = FilterParser.parseAttributePath(path, close + 2, path.length(), errors);
        if (sub.schemaUrn() != null || sub.subAttribute() != null) {
            throw errors.at("after ']' only one sub-attribute name may follow, e.g. emails[type eq \"work\"].value",
                    close + 2);
        }
        return new PatchPath(attribute, filter, sub.attribute());
    }

    /** The ']' that closes the '[' at {@code open}, skipping quoted strings (which may contain ']'). */
    private static int closingBracket(String path, int open, FilterParser.SyntaxErrors errors) {
        boolean inString = false;
        for (int i = open + 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[') {
                throw errors.at("a value filter cannot contain another '[' (nested value paths are not allowed)", i);
            } else if (c == ']') {
                return i;
            }
        }
        throw errors.at("expected ']' to close the '[' at position " + open + " but found the end of the path",
                path.length());
    }

    private static void checkNoSpace(String path, int from, int to, FilterParser.SyntaxErrors errors) {
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c == ' ' || c == '\t' || c == '"' || c == '(' || c == ')') {
                throw errors.at("unexpected '" + c + "' in an attribute path", i);
            }
        }
    }
}
