package dev.scim.core.token;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Base62 ({@code 0-9A-Za-z}): URL-, header- and copy-paste-safe, and a double click selects the whole token.
 */
final class Base62 {
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {}

    /** Encodes {@code bytes} as an unsigned number, left-padded with '0' to exactly {@code width} characters. */
    static String encode(byte[] bytes, int width) {
        BigInteger n = new BigInteger(1, bytes);
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            n = qr[0];
        }
        if (n.signum() != 0) throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        return new String(out);
    }

    /** {@code length} characters, each uniform over the alphabet. */
    static String random(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        return new String(out);
    }

    static boolean isBase62(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) return false;
        }
        return true;
    }
}
