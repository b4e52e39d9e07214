package dev.scim.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * What the service keeps about one issued token: never the token, only its SHA-256.
 *
 * @param id      the token id embedded in the token (not secret)
 * @param sha256  lower-case hex SHA-256 of the whole token
 * @param created when it was issued
 * @param expires end of a reset's grace period, or null while the token is the tenant's current one
 * @param status  active or revoked
 * @param revoked when it was revoked, or null
 */
public record TokenRecord(String id, String sha256, Instant created, Instant expires, Status status, Instant revoked) {

    public enum Status {
        ACTIVE("active"), REVOKED("revoked");

        private final String wire;

        Status(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Status fromWire(String s) {
            for (Status v : values()) if (v.wire.equals(s)) return v;
            throw new IllegalArgumentException("unknown token status '" + s + "'");
        }
    }

    public TokenRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(status, "status");
    }

    public static TokenRecord issued(ApiToken token, Instant now) {
        return new TokenRecord(token.tokenId(), token.digestHex(), now, null, Status.ACTIVE, null);
    }

    /** Accepted at {@code now}: active and not past the end of its grace period. */
    public boolean usableAt(Instant now) {
        return status == Status.ACTIVE && (expires == null || now.isBefore(expires));
    }

    /** The tenant's current token: active with no end set. */
    public boolean current() {
        return status == Status.ACTIVE && expires == null;
    }

    /** When the token stopped (or will stop) being accepted; null for a current token. */
    public Instant ended() {
        if (status == Status.REVOKED) return revoked != null ? revoked : created;
        return expires;
    }

    public TokenRecord revokedAt(Instant now) {
        return new TokenRecord(id, sha256, created, expires, Status.REVOKED, now);
    }

    public TokenRecord expiringAt(Instant end) {
        return new TokenRecord(id, sha256, created, end, status, revoked);
    }

    @Override
    public String toString() {
        return "TokenRecord[id=" + id + ", created=" + created + ", expires=" + expires + ", status=" + status + "]";
    }
}
