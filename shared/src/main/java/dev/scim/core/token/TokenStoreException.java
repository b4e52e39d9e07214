package dev.scim.core.token;

/**
 * The token material could not be read or written (Secrets Manager refused, throttled, or holds a document of the
 * wrong shape). The message says what to check; it never carries a token, a hash or a secret's content.
 */
public final class TokenStoreException extends RuntimeException {
    public TokenStoreException(String message) {
        super(message, null, false, false);
    }
}
