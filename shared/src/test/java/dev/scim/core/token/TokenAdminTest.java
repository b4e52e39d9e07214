package dev.scim.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenAdminTest {
    private final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final TokenAdmin admin = new TokenAdmin(store, clock, new SecureRandom(),
            new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), clock));

    @Test
    void create_shouldTellAdminToUseReset_whenTenantAlreadyHasActiveToken() {
        // given
        IssuedToken first = admin.create("acme");

        // then
        assertThatThrownBy(() -> admin.create("acme")).isInstanceOf(IllegalStateException.class)
                .hasMessage("tenant 'acme' already has an active API token (id " + first.tokenId() + "): use 'reset' "
                        + "to issue a new one; the old one stops working (or use --grace to keep it working a while)."
                        + " Users and groups are not affected.");
        assertThat(store.tokens("acme")).hasSize(1);
    }

    @Test
    void create_shouldSucceed_whenEarlierTokensWereRevoked() {
        admin.create("acme");
        admin.revoke("acme");
        IssuedToken again = admin.create("acme");
        assertThat(admin.list("acme")).extracting(TokenInfo::id, TokenInfo::status).contains(
                org.assertj.core.groups.Tuple.tuple(again.tokenId(), "active"));
    }

    @Test
    void list_shouldShowIdCreatedAndStatus_andNeverTokenOrHash() {
        // given
        IssuedToken first = admin.create("acme");
        clock.advance(Duration.ofMinutes(1));
        IssuedToken second = admin.reset("acme", Duration.ofHours(2));
        clock.advance(Duration.ofMinutes(1));
        IssuedToken third = admin.reset("acme", Duration.ZERO);

        // when
        List<TokenInfo> list = admin.list("acme");

        // then
        assertThat(list).extracting(TokenInfo::id).containsExactly(third.tokenId(), second.tokenId(), first.tokenId());
        assertThat(list).extracting(TokenInfo::status).containsExactly("active", "revoked", "revoked");
        String text = list.toString();
        for (IssuedToken t : List.of(first, second, third)) {
            ApiToken parsed = ((ApiToken.Parse.Parsed) ApiToken.parse(t.token())).token();
            assertThat(text).doesNotContain(t.token()).doesNotContain(parsed.secret())
                    .doesNotContain(parsed.digestHex())
                    .doesNotContain(Base64.getEncoder().encodeToString(parsed.digest()))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(parsed.digest()));
        }
    }

    @Test
    void list_shouldShowExpiryThenExpired_whenResetWithGrace() {
        IssuedToken first = admin.create("acme");
        admin.reset("acme", Duration.ofMinutes(15));
        assertThat(admin.list("acme")).filteredOn(i -> i.id().equals(first.tokenId())).extracting(TokenInfo::status)
                .containsExactly("expires 2026-03-01T10:15:00Z");
        clock.advance(Duration.ofMinutes(15));
        assertThat(admin.list("acme")).filteredOn(i -> i.id().equals(first.tokenId())).extracting(TokenInfo::status)
                .containsExactly("expired");
    }

    @Test
    void reset_shouldRevokeTokenAlreadyInGrace_soAtMostTwoAreAccepted() {
        admin.create("acme");
        admin.reset("acme", Duration.ofHours(1));
        admin.reset("acme", Duration.ofHours(1));
        assertThat(store.tokens("acme")).filteredOn(r -> r.usableAt(clock.instant())).hasSize(2);
    }

    @Test
    void auditLog_shouldNameTenantTokenIdAndGrace_andNeverTheTokenOrHash() throws Exception {
        // given
        IssuedToken created = admin.create("acme");
        IssuedToken reset = admin.reset("acme", Duration.ofMinutes(30));
        admin.revoke("acme");

        // when
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) lines.add(Json.parse(line));

        // then
        assertThat(lines).extracting(l -> l.get("event").asText())
                .containsExactly("token.created", "token.reset", "token.revoked", "token.revoked");
        assertThat(lines.get(0).get("tenant").asText()).isEqualTo("acme");
        assertThat(lines.get(0).get("tokenId").asText()).isEqualTo(created.tokenId());
        assertThat(lines.get(1).get("tokenId").asText()).isEqualTo(reset.tokenId());
        assertThat(lines.get(1).get("graceSeconds").asLong()).isEqualTo(1800);
        assertThat(lines.get(1).get("replacedTokenIds").asText()).isEqualTo(created.tokenId());
        assertThat(lines.subList(2, 4)).extracting(l -> l.get("tokenId").asText())
                .containsExactlyInAnyOrder(created.tokenId(), reset.tokenId());
        String all = logBytes.toString(StandardCharsets.UTF_8);
        for (IssuedToken t : List.of(created, reset)) {
            ApiToken parsed = ((ApiToken.Parse.Parsed) ApiToken.parse(t.token())).token();
            assertThat(all).doesNotContain(t.token()).doesNotContain(parsed.secret()).doesNotContain(parsed.digestHex());
        }
    }

    @Test
    void register_shouldAcceptWellFormedToken_andBeIdempotent() {
        // given
        String token = "scim_local_0000000001" + "x".repeat(43);

        // when
        IssuedToken once = admin.register("local", token);
        IssuedToken twice = admin.register("local", " " + token + " ");

        // then
        assertThat(once.tokenId()).isEqualTo("0000000001");
        assertThat(twice.tokenId()).isEqualTo("0000000001");
        assertThat(store.tokens("local")).hasSize(1);
        assertThat(new CachingTokenVerifier(store, clock, Duration.ZERO).verify("Bearer " + token))
                .isEqualTo(new Verification.Accepted("local", "0000000001"));
    }

    @Test
    void register_shouldShowExpectedShape_whenTokenIsMalformedOrForAnotherTenant() {
        assertThatThrownBy(() -> admin.register("local", "hunter2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token is not well formed (malformed: wrong prefix): expected "
                        + "scim_<tenant>_<10 base62 token id><43 base62 secret>, for example scim_local_0000000000"
                        + "x".repeat(43));
        assertThatThrownBy(() -> admin.register("local", "scim_other_0000000001" + "x".repeat(43)))
                .hasMessage("the token belongs to tenant 'other', not 'local': its tenant part must be local");
        assertThat(store.tokens("local")).isEmpty();
    }

    @Test
    void prune_shouldKeepAtMostFourRecordsAndForgetOldHistory_whenResetOften() {
        // given
        admin.create("acme");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofDays(1));
            admin.reset("acme", Duration.ofHours(1));
        }
        assertThat(store.tokens("acme")).hasSize(TokenAdmin.MAX_RECORDS);

        // when: history older than 90 days is dropped on the next write
        clock.advance(Duration.ofDays(91));
        IssuedToken last = admin.reset("acme", Duration.ZERO);

        // then
        assertThat(store.tokens("acme")).extracting(TokenRecord::id).contains(last.tokenId()).hasSize(2);
    }

    @Test
    void inMemoryStore_shouldKeepEveryTenant_whenAdminsCreateConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<IssuedToken>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String tenant = "t" + (i % 50) + "-" + i;
                futures.add(pool.submit(() -> admin.create(tenant)));
            }
            for (var f : futures) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        var verifier = new CachingTokenVerifier(store, clock, Duration.ZERO);
        for (var f : futures) assertThat(verifier.verify(f.get().token())).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void shard_shouldStayUnderSecretsManagerLimit_whenNinetyTenantsHaveLongestNamesAndFullHistory() {
        // given: the sizing in docs/tokens.md: 90 tenants (p < 1e-9 for 10,000 tenants over 256 shards), 63-char
        // names, MAX_RECORDS records each with every optional field set
        java.time.Instant t = clock.instant();
        TokenShard shard = TokenShard.EMPTY;
        for (int i = 0; i < 90; i++) {
            String tenant = String.format("%02d", i) + "t".repeat(61);
            List<TokenRecord> records = new ArrayList<>();
            for (int r = 0; r < TokenAdmin.MAX_RECORDS; r++) {
                records.add(new TokenRecord("A" + r + "CDEFGHIJ", "f".repeat(64), t, t.plusSeconds(60),
                        TokenRecord.Status.REVOKED, t));
            }
            shard = shard.with(tenant, records);
        }

        // when
        int bytes = shard.toJson().getBytes(StandardCharsets.UTF_8).length;

        // then
        assertThat(bytes).isLessThanOrEqualTo(SecretsManagerTokenStore.MAX_SECRET_BYTES);
        assertThat(TokenShard.fromJson(shard.toJson())).isEqualTo(shard);
    }
}
