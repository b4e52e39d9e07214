package dev.scim.core.token;

import dev.scim.core.Config;
import dev.scim.core.aws.AwsClients;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Verifies API tokens against a {@link TokenMaterialStore}, keeping each shard it read for {@code ttl} (one store
 * read per shard per TTL, however many requests; a TTL of zero reads on every call). A reset or revoke therefore
 * takes effect within the TTL plus API Gateway's own authorizer cache (docs/tokens.md). A token id missing from a
 * cached shard (a token issued after it was read) triggers one re-read, at most every
 * {@link #MIN_REFRESH_INTERVAL} per shard, so a new token works within seconds and garbage ids cannot multiply
 * Secrets Manager reads.
 *
 * <p>The presented token is hashed (SHA-256, fixed length) and compared with the stored digest by
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is. Status and expiry are
 * looked at only after the digests matched, so only the real token learns that it was revoked. Thread-safe.
 */
public final class CachingTokenVerifier implements TokenVerifier {
    private static final byte[] NO_DIGEST = new byte[32];
    /** Least age of a cached shard before an unknown token id may trigger a re-read. */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(5);

    private final TokenMaterialStore store;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    public CachingTokenVerifier(TokenMaterialStore store, Clock clock, Duration ttl) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl == null || ttl.isNegative()) throw new IllegalArgumentException("token cache TTL must be 0 or more");
        this.ttl = ttl;
    }

    /** Secrets Manager (or the emulator at AWS_ENDPOINT_URL) with TOKEN_SECRET_PREFIX and TOKEN_CACHE_TTL_SECONDS. */
    public static TokenVerifier fromEnvironment() {
        Config config = Config.fromEnvironment();
        var store = new SecretsManagerTokenStore(AwsClients.fromEnvironment(System.getenv()).secretsManager(),
                config.tokenSecretPrefix());
        return new CachingTokenVerifier(store, Clock.systemUTC(), config.tokenCacheTtl());
    }

    @Override
    public Verification verify(String authorizationHeader) {
        return switch (ApiToken.fromAuthorizationHeader(authorizationHeader)) {
            case ApiToken.Parse.Malformed m -> new Verification.Rejected(m.reason(), m.tenant(), m.tokenId());
            case ApiToken.Parse.Parsed p -> verify(p.token());
        };
    }

    private Verification verify(ApiToken token) {
        Instant now = clock.instant();
        String shard = TokenMaterialStore.shardOf(token.tenant());
        TokenRecord record = find(shard(shard, now), token);
        if (record == null && refreshable(shard, now)) {
            // A token issued after the shard was cached (the admin just reset and pasted it into the identity
            // provider) should not wait for the TTL; refreshes for unknown ids are rate-limited per shard.
            record = find(load(shard, now), token);
        }
        boolean match = digestsMatch(record == null ? NO_DIGEST : stored(record), token.digest());
        if (record == null) return rejected("unknown token", token);
        if (!match) return rejected("invalid secret", token);
        if (record.status() == TokenRecord.Status.REVOKED) return rejected("revoked", token);
        if (!record.usableAt(now)) return rejected("expired", token);
        return new Verification.Accepted(token.tenant(), token.tokenId());
    }

    /** Constant-time equality of two SHA-256 digests. */
    static boolean digestsMatch(byte[] stored, byte[] presented) {
        return MessageDigest.isEqual(stored, presented);
    }

    private static byte[] stored(TokenRecord record) {
        try {
            byte[] d = HexFormat.of().parseHex(record.sha256());
            return d.length == 32 ? d : NO_DIGEST;
        } catch (IllegalArgumentException e) {
            return NO_DIGEST;
        }
    }

    private static TokenRecord find(TokenShard shard, ApiToken token) {
        return shard.tokens(token.tenant()).stream().filter(r -> r.id().equals(token.tokenId())).findFirst()
                .orElse(null);
    }

    private TokenShard shard(String shard, Instant now) {
        if (ttl.isZero()) return store.readShard(shard);
        Cached c = cache.get(shard);
        if (c != null && now.isBefore(c.loadedAt().plus(ttl)) && !now.isBefore(c.loadedAt())) return c.shard();
        return load(shard, now);
    }

    /** True when the cached copy is old enough to be re-read for an unknown token id. */
    private boolean refreshable(String shard, Instant now) {
        if (ttl.isZero()) return false;
        Cached c = cache.get(shard);
        Duration minAge = ttl.compareTo(MIN_REFRESH_INTERVAL) < 0 ? ttl : MIN_REFRESH_INTERVAL;
        return c == null || !now.isBefore(c.loadedAt().plus(minAge));
    }

    private TokenShard load(String shard, Instant now) {
        TokenShard fresh = store.readShard(shard);
        cache.put(shard, new Cached(fresh, now));
        return fresh;
    }

    private static Verification rejected(String reason, ApiToken token) {
        return new Verification.Rejected(reason, token.tenant(), token.tokenId());
    }

    private record Cached(TokenShard shard, Instant loadedAt) {}
}
