package dev.scim.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scim.core.log.JsonLog;
import dev.scim.core.testing.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Verifier and admin together, on Secrets Manager (moto) unless the test is about the cache clock. */
class CachingTokenVerifierTest {
    private final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
    private final SecretsManagerTokenStore store =
            new SecretsManagerTokenStore(Emulator.secretsManager(), Emulator.newSecretPrefix());
    private final TokenAdmin admin = new TokenAdmin(store, clock, new SecureRandom(),
            new JsonLog(new PrintStream(new ByteArrayOutputStream()), clock));
    private final TokenVerifier verifier = new CachingTokenVerifier(store, clock, Duration.ZERO);

    @Test
    void verify_shouldAcceptEachTenantsTokenForItsOwnTenantOnly_whenTwoTenantsHaveTokens() {
        // given
        IssuedToken acme = admin.create("acme");
        IssuedToken globex = admin.create("globex");

        // when / then
        assertThat(verifier.verify(acme.token())).isEqualTo(new Verification.Accepted("acme", acme.tokenId()));
        assertThat(verifier.verify("Bearer " + globex.token()))
                .isEqualTo(new Verification.Accepted("globex", globex.tokenId()));
    }

    @Test
    void verify_shouldReject_whenMyTokenCarriesAnotherTenantsTokenId() {
        // given
        IssuedToken acme = admin.create("acme");
        IssuedToken globex = admin.create("globex");
        String secretOfGlobex = globex.token().substring(globex.token().length() - ApiToken.SECRET_LENGTH);

        // when: acme's tenant with globex's id and secret, and globex's tenant with acme's id
        String mixed1 = "scim_acme_" + globex.tokenId() + secretOfGlobex;
        String mixed2 = "scim_globex_" + acme.tokenId() + secretOfGlobex;

        // then
        assertThat(verifier.verify(mixed1))
                .isEqualTo(new Verification.Rejected("unknown token", "acme", globex.tokenId()));
        assertThat(verifier.verify(mixed2))
                .isEqualTo(new Verification.Rejected("unknown token", "globex", acme.tokenId()));
    }

    @Test
    void verify_shouldRejectOldAndAcceptNew_whenResetWithoutGraceAndNoCache() {
        // given
        IssuedToken old = admin.create("acme");

        // when
        IssuedToken fresh = admin.reset("acme", Duration.ZERO);

        // then
        assertThat(verifier.verify(old.token())).isEqualTo(new Verification.Rejected("revoked", "acme", old.tokenId()));
        assertThat(verifier.verify(fresh.token())).isEqualTo(new Verification.Accepted("acme", fresh.tokenId()));
    }

    @Test
    void verify_shouldKeepAcceptingOldTokenUntilCacheTtlPasses_whenResetWithTtl60s() {
        // given: a verifier that has the shard cached
        var cached = new CachingTokenVerifier(store, clock, Duration.ofSeconds(60));
        IssuedToken old = admin.create("acme");
        assertThat(cached.verify(old.token())).isInstanceOf(Verification.Accepted.class);

        // when
        IssuedToken fresh = admin.reset("acme", Duration.ZERO);
        clock.advance(Duration.ofSeconds(59));

        // then: within the TTL the cache still holds the old shard
        assertThat(cached.verify(old.token())).isInstanceOf(Verification.Accepted.class);

        // and once the TTL has passed the shard is read again
        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.verify(old.token())).isEqualTo(new Verification.Rejected("revoked", "acme", old.tokenId()));
        assertThat(cached.verify(fresh.token())).isEqualTo(new Verification.Accepted("acme", fresh.tokenId()));
    }

    @Test
    void verify_shouldAcceptNewTokenWithinSeconds_whenCachedShardPredatesIt() {
        // given
        var counting = new CountingStore(store);
        var cached = new CachingTokenVerifier(counting, clock, Duration.ofSeconds(60));
        IssuedToken old = admin.create("acme");
        cached.verify(old.token());
        IssuedToken fresh = admin.reset("acme", Duration.ofMinutes(10));

        // when: unknown ids within the refresh interval do not re-read; after it, one re-read finds the new token
        for (int i = 0; i < 20; i++) cached.verify(fresh.token());
        int readsBefore = counting.reads.get();
        clock.advance(CachingTokenVerifier.MIN_REFRESH_INTERVAL);
        Verification verdict = cached.verify(fresh.token());

        // then
        assertThat(readsBefore).isEqualTo(1);
        assertThat(verdict).isEqualTo(new Verification.Accepted("acme", fresh.tokenId()));
        assertThat(counting.reads).hasValue(2);
    }

    @Test
    void verify_shouldReadStoreOncePerShardPerTtl_whenManyRequests() {
        // given
        var counting = new CountingStore(store);
        var cached = new CachingTokenVerifier(counting, clock, Duration.ofSeconds(60));
        IssuedToken acme = admin.create("acme");

        // when
        for (int i = 0; i < 50; i++) cached.verify(acme.token());
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 50; i++) cached.verify(acme.token());

        // then
        assertThat(counting.reads).hasValue(2);
    }

    @Test
    void verify_shouldAcceptBothInsideGraceAndOnlyNewAfter_whenResetWithGrace() {
        // given
        IssuedToken old = admin.create("acme");

        // when
        IssuedToken fresh = admin.reset("acme", Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(14));

        // then
        assertThat(verifier.verify(old.token())).isEqualTo(new Verification.Accepted("acme", old.tokenId()));
        assertThat(verifier.verify(fresh.token())).isEqualTo(new Verification.Accepted("acme", fresh.tokenId()));

        clock.advance(Duration.ofMinutes(1));
        assertThat(verifier.verify(old.token())).isEqualTo(new Verification.Rejected("expired", "acme", old.tokenId()));
        assertThat(verifier.verify(fresh.token())).isEqualTo(new Verification.Accepted("acme", fresh.tokenId()));
    }

    @Test
    void verify_shouldReject_whenTenantRevoked() {
        // given
        IssuedToken first = admin.create("acme");
        IssuedToken second = admin.reset("acme", Duration.ofHours(2));

        // when
        admin.revoke("acme");

        // then
        assertThat(verifier.verify(first.token())).isEqualTo(new Verification.Rejected("revoked", "acme",
                first.tokenId()));
        assertThat(verifier.verify(second.token())).isEqualTo(new Verification.Rejected("revoked", "acme",
                second.tokenId()));
    }

    @Test
    void verify_shouldRejectThroughDigestComparison_whenFirstOrLastSecretCharacterDiffers() {
        // given
        IssuedToken acme = admin.create("acme");
        String t = acme.token();
        int firstSecretChar = t.length() - ApiToken.SECRET_LENGTH;
        String lastDiffers = t.substring(0, t.length() - 1) + flip(t.charAt(t.length() - 1));
        String firstDiffers = t.substring(0, firstSecretChar) + flip(t.charAt(firstSecretChar))
                + t.substring(firstSecretChar + 1);

        // then: both reach the same fixed-length digest comparison and fail it
        assertThat(verifier.verify(lastDiffers)).isEqualTo(new Verification.Rejected("invalid secret", "acme",
                acme.tokenId()));
        assertThat(verifier.verify(firstDiffers)).isEqualTo(new Verification.Rejected("invalid secret", "acme",
                acme.tokenId()));
        byte[] real = ((ApiToken.Parse.Parsed) ApiToken.parse(t)).token().digest();
        assertThat(CachingTokenVerifier.digestsMatch(real,
                ((ApiToken.Parse.Parsed) ApiToken.parse(lastDiffers)).token().digest())).isFalse();
        assertThat(CachingTokenVerifier.digestsMatch(real,
                ((ApiToken.Parse.Parsed) ApiToken.parse(firstDiffers)).token().digest())).isFalse();
        assertThat(CachingTokenVerifier.digestsMatch(real, real.clone())).isTrue();
    }

    @Test
    void verify_shouldNeverReturnTokenOrHash() {
        // given
        IssuedToken acme = admin.create("acme");
        String hex = ((ApiToken.Parse.Parsed) ApiToken.parse(acme.token())).token().digestHex();

        // when
        Verification ok = verifier.verify(acme.token());
        Verification bad = verifier.verify(acme.token().substring(0, acme.token().length() - 1) + "0");

        // then
        assertThat(ok.toString() + bad).doesNotContain(acme.token()).doesNotContain(hex)
                .doesNotContain(acme.token().substring(acme.token().length() - ApiToken.SECRET_LENGTH));
    }

    @Test
    void verify_shouldRejectMalformedWithReason_beforeReadingTheStore() {
        var counting = new CountingStore(store);
        var v = new CachingTokenVerifier(counting, clock, Duration.ZERO);
        assertThat(v.verify(null)).isEqualTo(new Verification.Rejected("missing token", null, null));
        assertThat(v.verify("Basic abc")).isEqualTo(new Verification.Rejected("malformed: wrong prefix", null, null));
        assertThat(counting.reads).hasValue(0);
    }

    static char flip(char c) { return c == 'a' ? 'b' : 'a'; }

    static final class CountingStore implements TokenMaterialStore {
        final TokenMaterialStore inner;
        final AtomicInteger reads = new AtomicInteger();

        CountingStore(TokenMaterialStore inner) { this.inner = inner; }

        @Override public TokenShard readShard(String shard) {
            reads.incrementAndGet();
            return inner.readShard(shard);
        }

        @Override public java.util.List<TokenRecord> update(String tenant,
                java.util.function.UnaryOperator<java.util.List<TokenRecord>> change) {
            return inner.update(tenant, change);
        }
    }
}
