package dev.scim.core.token;

import java.time.Instant;

/**
 * A token just issued: the only moment its value exists outside the admin's identity provider ("The API token can
 * only be copied when it is first generated"). {@link #toString()} hides it so it cannot slip into a log.
 */
public record IssuedToken(String tenant, String tokenId, String token, Instant created) {
    @Override
    public String toString() {
        return "IssuedToken[tenant=" + tenant + ", tokenId=" + tokenId + ", created=" + created + ", token=<hidden>]";
    }
}
