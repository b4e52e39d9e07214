package dev.scim.core.token;

import dev.scim.core.log.JsonLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The admin's token lifecycle for one tenant: create the first token, reset it (the "Reset API Token" button:
 * reconnect the identity provider without erasing any data, since users and groups are never touched here),
 * revoke, list, and register a caller-chosen token ({@code ./scim local --token}).
 *
 * <p>At most two tokens of a tenant are accepted at any time: the current one and, after a reset with grace, the
 * previous one until its grace ends. Every write prunes records that ended more than {@link #HISTORY} ago and keeps
 * at most {@link #MAX_RECORDS} per tenant, which is what bounds a shard's size (docs/tokens.md).
 * Each change writes an audit line ({@code token.created}, {@code token.reset}, {@code token.revoked}).
 */
public final class TokenAdmin {
    public static final Duration HISTORY = Duration.ofDays(90);
    public static final int MAX_RECORDS = 3;

    private final TokenMaterialStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final JsonLog log;

    public TokenAdmin(TokenMaterialStore store, Clock clock, SecureRandom random, JsonLog log) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The tenant's first token. Fails if it already has one that is accepted: that is what reset is for. */
    public IssuedToken create(String tenant) {
        ApiToken.requireTenant(tenant);
        return add(ApiToken.generate(tenant, random), "created");
    }

    /**
     * A new token. The old ones stop being accepted now, or, when {@code grace} is positive, the current one keeps
     * working until now + grace so the identity provider can be switched without a failed sync. A token already
     * inside an earlier grace period is revoked now.
     */
    public IssuedToken reset(String tenant, Duration grace) {
        ApiToken.requireTenant(tenant);
        if (grace == null || grace.isNegative()) throw new IllegalArgumentException("grace must be 0 or more");
        ApiToken token = ApiToken.generate(tenant, random);
        Instant now = now();
        var replaced = new AtomicReference<List<String>>(List.of());
        store.update(tenant, records -> {
            List<TokenRecord> next = new ArrayList<>();
            List<String> old = new ArrayList<>();
            for (TokenRecord r : records) {
                if (!r.usableAt(now)) next.add(r);
                else {
                    old.add(r.id());
                    next.add(r.current() && grace.isPositive() ? r.expiringAt(now.plus(grace)) : r.revokedAt(now));
                }
            }
            next.add(TokenRecord.issued(token, now));
            replaced.set(old);
            return prune(next, now);
        });
        Map<String, Object> fields = fields(tenant, token.tokenId());
        fields.put("graceSeconds", grace.toSeconds());
        fields.put("replacedTokenIds", String.join(",", replaced.get()));
        log.info("token.reset", fields);
        return new IssuedToken(tenant, token.tokenId(), token.value(), now);
    }

    /** Revokes every token of the tenant, now. Idempotent. */
    public void revoke(String tenant) {
        ApiToken.requireTenant(tenant);
        Instant now = now();
        var revoked = new AtomicReference<List<String>>(List.of());
        store.update(tenant, records -> {
            List<String> ids = new ArrayList<>();
            List<TokenRecord> next = records.stream().map(r -> {
                if (r.status() == TokenRecord.Status.REVOKED) return r;
                ids.add(r.id());
                return r.revokedAt(now);
            }).toList();
            revoked.set(ids);
            return prune(next, now);
        });
        for (String id : revoked.get()) log.info("token.revoked", fields(tenant, id));
    }

    /** The tenant's tokens, newest first, without secrets or hashes. */
    public List<TokenInfo> list(String tenant) {
        ApiToken.requireTenant(tenant);
        Instant now = clock.instant();
        // Records are kept in issue order; reversing before the stable sort keeps "newest first" for equal times.
        List<TokenRecord> records = new java.util.ArrayList<>(store.tokens(tenant));
        java.util.Collections.reverse(records);
        records.sort(Comparator.comparing(TokenRecord::created).reversed());
        return records.stream().map(r -> TokenInfo.of(r, now)).toList();
    }

    /**
     * Accepts a caller-chosen token (for {@code ./scim local --token}). Registering the same token again is a
     * no-op; a malformed one, or one for another tenant, is refused with the expected shape.
     */
    public IssuedToken register(String tenant, String token) {
        ApiToken.requireTenant(tenant);
        ApiToken parsed = switch (ApiToken.parse(token == null ? null : token.strip())) {
            case ApiToken.Parse.Parsed p -> p.token();
            case ApiToken.Parse.Malformed m -> throw new IllegalArgumentException("the token is not well formed ("
                    + m.reason() + "): expected " + ApiToken.SHAPE + ", for example "
                    + ApiToken.PREFIX + tenant + "_" + "0".repeat(ApiToken.TOKEN_ID_LENGTH)
                    + "x".repeat(ApiToken.SECRET_LENGTH));
        };
        if (!parsed.tenant().equals(tenant)) {
            throw new IllegalArgumentException("the token belongs to tenant '" + parsed.tenant() + "', not '"
                    + tenant + "': its tenant part must be " + tenant);
        }
        String digest = parsed.digestHex();
        for (TokenRecord r : store.tokens(tenant)) {
            if (r.id().equals(parsed.tokenId()) && r.sha256().equals(digest) && r.usableAt(clock.instant())) {
                return new IssuedToken(tenant, r.id(), parsed.value(), r.created());
            }
        }
        return add(parsed, "registered");
    }

    private IssuedToken add(ApiToken token, String how) {
        String tenant = token.tenant();
        Instant now = now();
        store.update(tenant, records -> {
            for (TokenRecord r : records) {
                if (r.usableAt(now)) {
                    throw new IllegalStateException("tenant '" + tenant + "' already has an active API token (id "
                            + r.id() + "): use 'reset' to issue a new one; the old one stops working (or use "
                            + "--grace to keep it working a while). Users and groups are not affected.");
                }
                if (r.id().equals(token.tokenId())) {
                    throw new IllegalStateException("token id " + r.id() + " was already used for tenant '" + tenant
                            + "': choose another token");
                }
            }
            List<TokenRecord> next = new ArrayList<>(records);
            next.add(TokenRecord.issued(token, now));
            return prune(next, now);
        });
        Map<String, Object> fields = fields(tenant, token.tokenId());
        fields.put("how", how);
        log.info("token.created", fields);
        return new IssuedToken(tenant, token.tokenId(), token.value(), now);
    }

    /**
     * Keeps every usable record, then the most recently ended others that ended within {@link #HISTORY}, up to
     * {@link #MAX_RECORDS} in all.
     */
    static List<TokenRecord> prune(List<TokenRecord> records, Instant now) {
        List<TokenRecord> usable = records.stream().filter(r -> r.usableAt(now)).toList();
        List<TokenRecord> history = records.stream().filter(r -> !r.usableAt(now))
                .filter(r -> r.ended() != null && r.ended().plus(HISTORY).isAfter(now))
                .sorted(Comparator.comparing(TokenRecord::ended).reversed())
                .limit(Math.max(0, MAX_RECORDS - usable.size())).toList();
        List<TokenRecord> kept = new ArrayList<>(usable);
        kept.addAll(history);
        kept.sort(Comparator.comparing(TokenRecord::created));
        return kept;
    }

    private Instant now() {
        // Whole seconds: what the stored document shows is exactly what is compared.
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Map<String, Object> fields(String tenant, String tokenId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tenant", tenant);
        f.put("tokenId", tokenId);
        return f;
    }
}
