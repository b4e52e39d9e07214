package dev.scim.core.token;

/**
 * Decides whether an {@code Authorization} header value carries a valid API token, and for which tenant.
 * Accepts {@code <token>} and {@code Bearer <token>} (scheme case-insensitive, whitespace trimmed), as Okta's
 * Header Auth app sends whatever the admin typed.
 */
public interface TokenVerifier {
    Verification verify(String authorizationHeader);
}
