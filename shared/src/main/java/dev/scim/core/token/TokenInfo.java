package dev.scim.core.token;

import java.time.Instant;

/**
 * What an admin may see about a token: its id, when it was issued, and its state: {@code active},
 * {@code expires <time>} (inside a reset's grace period), {@code expired} or {@code revoked}. No secret, no hash.
 */
public record TokenInfo(String id, Instant created, String status) {
    static TokenInfo of(TokenRecord r, Instant now) {
        String status;
        if (r.status() == TokenRecord.Status.REVOKED) status = "revoked";
        else if (r.expires() == null) status = "active";
        else if (now.isBefore(r.expires())) status = "expires " + r.expires();
        else status = "expired";
        return new TokenInfo(r.id(), r.created(), status);
    }
}
