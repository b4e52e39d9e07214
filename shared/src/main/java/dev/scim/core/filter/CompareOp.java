package dev.scim.core.filter;

import java.util.Locale;
import java.util.Optional;

/** Attribute operators of RFC 7644 §3.4.2.2, each with its wire token. */
public enum CompareOp {
    EQ("eq"), NE("ne"), CO("co"), SW("sw"), EW("ew"), GT("gt"), GE("ge"), LT("lt"), LE("le");

    private final String token;

    CompareOp(String token) { this.token = token; }

    public String token() { return token; }

    /** Operators are case-insensitive on the wire ("EQ" and "eq" are the same). */
    public static Optional<CompareOp> fromToken(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (CompareOp op : values()) {
            if (op.token.equals(lower)) return Optional.of(op);
        }
        return Optional.empty();
    }
}
