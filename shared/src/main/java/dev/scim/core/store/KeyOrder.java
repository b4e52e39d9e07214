package dev.scim.core.store;

import java.util.Comparator;

/**
 * DynamoDB's order of string keys: by Unicode code point (UTF-8 byte order), which differs from
 * {@link String#compareTo} for characters outside the Basic Multilingual Plane. The embedded stores sort with it so
 * that both stores list in exactly the same order.
 */
public final class KeyOrder {
    public static final Comparator<String> CODE_POINTS = KeyOrder::compare;

    private KeyOrder() {}

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
