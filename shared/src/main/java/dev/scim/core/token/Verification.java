package dev.scim.core.token;

/** The verdict on a presented token. Neither variant ever carries the token or its hash. */
public sealed interface Verification {

    /** The token is valid: requests run in {@code tenant}. */
    record Accepted(String tenant, String tokenId) implements Verification {}

    /**
     * The token is not valid. {@code reason} is for the audit log (e.g. "unknown token", "revoked", "malformed");
     * {@code tenant} and {@code tokenId} are what could be read from a well-formed token, or null.
     */
    record Rejected(String reason, String tenant, String tokenId) implements Verification {}
}
