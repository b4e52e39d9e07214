package dev.scim.core.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An API token: {@code scim_<tenant>_<tokenId><secret>}.
 * <ul>
 *   <li>{@code scim_} lets secret scanners (GitHub push protection, trufflehog rules) recognise a leaked token;</li>
 *   <li>the tenant and the 10-character token id tell the authorizer which verification material to load, so it
 *       never tries tenants one by one; they are not secret and may appear in logs;</li>
 *   <li>the 43-character secret is 32 bytes from {@link SecureRandom} in base62 (256 bits).</li>
 * </ul>
 * Only {@link #digest()} (SHA-256 of the whole token) is ever stored. {@link #toString()} never shows the secret.
 * Okta's SCIM 1.1 Header Auth app sends {@code Authorization: <whatever the admin typed>}, so
 * {@link #fromAuthorizationHeader} accepts both {@code <token>} and {@code Bearer <token>} (RFC 6750 §2.1).
 */
public record ApiToken(String tenant, String tokenId, String secret) {
    public static final String PREFIX = "scim_";
    public static final int TOKEN_ID_LENGTH = 10;
    public static final int SECRET_LENGTH = 43;
    public static final int SECRET_BYTES = 32;
    /** The shape shown to admins when a token is rejected as malformed. */
    public static final String SHAPE = PREFIX + "<tenant>_<10 base62 token id><43 base62 secret>";

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_HEADER = 512;

    public ApiToken {
        requireTenant(tenant);
        if (tokenId == null || tokenId.length() != TOKEN_ID_LENGTH || !Base62.isBase62(tokenId)) {
            throw new IllegalArgumentException("token id must be " + TOKEN_ID_LENGTH + " base62 characters");
        }
        if (secret == null || secret.length() != SECRET_LENGTH || !Base62.isBase62(secret)) {
            throw new IllegalArgumentException("token secret must be " + SECRET_LENGTH + " base62 characters");
        }
    }

    /** A new token for {@code tenant}: a random token id and 32 random bytes of secret. */
    public static ApiToken generate(String tenant, SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new ApiToken(tenant, Base62.random(random, TOKEN_ID_LENGTH), Base62.encode(secret, SECRET_LENGTH));
    }

    /**
     * Throws an {@link IllegalArgumentException} that tells the admin which tenant ids are allowed.
     * Tenant ids become part of tokens and secret JSON keys, so they are kept to DNS-label characters.
     */
    public static String requireTenant(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant id '" + (tenant == null ? "" : printable(tenant))
                    + "' is not valid: use 1 to 63 lower-case letters, digits or '-', starting with a letter or digit"
                    + " (for example 'acme' or 'acme-eu')");
        }
        return tenant;
    }

    public static boolean isValidTenant(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches();
    }

    /** The result of reading a token: never an exception, whatever the input. */
    public sealed interface Parse {
        record Parsed(ApiToken token) implements Parse {}

        /** {@code tenant} and {@code tokenId} are filled when they could be read, for the audit log. */
        record Malformed(String reason, String tenant, String tokenId) implements Parse {}
    }

    /**
     * Reads an {@code Authorization} header value: {@code <token>} or {@code Bearer <token>}, the scheme in any
     * case, surrounding whitespace ignored.
     */
    public static Parse fromAuthorizationHeader(String header) {
        if (header == null || header.isBlank()) return new Parse.Malformed("missing token", null, null);
        if (header.length() > MAX_HEADER) return new Parse.Malformed("malformed: too long", null, null);
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bearer", 0, 6)
                && value.length() > 6 && Character.isWhitespace(value.charAt(6))) {
            value = value.substring(7).strip();
        }
        return parse(value);
    }

    /** Reads a bare token. */
    public static Parse parse(String value) {
        if (value == null || value.isEmpty()) return new Parse.Malformed("missing token", null, null);
        if (value.length() > MAX_HEADER) return new Parse.Malformed("malformed: too long", null, null);
        if (!value.startsWith(PREFIX)) return new Parse.Malformed("malformed: wrong prefix", null, null);
        String rest = value.substring(PREFIX.length());
        // Tenants never contain '_', so the last '_' ends the tenant even if someone adds one to a tenant later.
        int sep = rest.lastIndexOf('_');
        if (sep <= 0) return new Parse.Malformed("malformed: no tenant", null, null);
        String tenant = rest.substring(0, sep);
        String tail = rest.substring(sep + 1);
        if (!isValidTenant(tenant)) return new Parse.Malformed("malformed: invalid tenant", null, null);
        String tokenId = tail.length() >= TOKEN_ID_LENGTH && Base62.isBase62(tail.substring(0, TOKEN_ID_LENGTH))
                ? tail.substring(0, TOKEN_ID_LENGTH) : null;
        if (tail.length() != TOKEN_ID_LENGTH + SECRET_LENGTH) {
            return new Parse.Malformed("malformed: wrong length", tenant, tokenId);
        }
        if (tokenId == null || !Base62.isBase62(tail)) {
            return new Parse.Malformed("malformed: not base62", tenant, tokenId);
        }
        return new Parse.Parsed(new ApiToken(tenant, tokenId, tail.substring(TOKEN_ID_LENGTH)));
    }

    /** The token as the admin pastes it into the identity provider. Never log it. */
    public String value() {
        return PREFIX + tenant + "_" + tokenId + secret;
    }

    /** SHA-256 of the whole token: fixed length, so comparisons take the same time whatever the input. */
    public byte[] digest() {
        return sha256(value());
    }

    /** Lower-case hex of {@link #digest()}, as stored. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest());
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 70 ? s.substring(0, 70) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return "ApiToken[tenant=" + tenant + ", tokenId=" + tokenId + ", secret=<hidden>]";
    }
}
