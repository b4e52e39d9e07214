package dev.scim.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scim.core.testing.Emulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Against moto through the real SDK. */
class SecretsManagerTokenStoreTest {
    private static final SecretsManagerClient SM = Emulator.secretsManager();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final String prefix = Emulator.newSecretPrefix();
    private final SecretsManagerTokenStore store = new SecretsManagerTokenStore(SM, prefix);

    private static TokenRecord record(String id) {
        return new TokenRecord(id, "ab".repeat(32), T0, null, TokenRecord.Status.ACTIVE, null);
    }

    private static List<TokenRecord> plus(List<TokenRecord> list, TokenRecord r) {
        var next = new ArrayList<>(list);
        next.add(r);
        return next;
    }

    @Test
    void readShard_shouldBeEmpty_whenSecretWasNeverWritten() {
        assertThat(store.readShard("00")).isEqualTo(TokenShard.EMPTY);
        assertThat(store.tokens("acme")).isEmpty();
    }

    @Test
    void update_shouldCreateShardSecretLazily_andRoundTripRecords() {
        // given
        TokenRecord a = new TokenRecord("AAAAAAAAAA", "cd".repeat(32), T0, T0.plusSeconds(3600),
                TokenRecord.Status.REVOKED, T0.plusSeconds(60));

        // when
        store.update("acme", list -> plus(list, a));
        store.update("acme", list -> plus(list, record("BBBBBBBBBB")));

        // then
        assertThat(store.tokens("acme")).containsExactly(a, record("BBBBBBBBBB"));
        String secretName = prefix + "/" + TokenMaterialStore.shardOf("acme");
        String stored = SM.getSecretValue(b -> b.secretId(secretName)).secretString();
        assertThat(stored).startsWith("{\"tenants\":{\"acme\":{\"tokens\":[{\"id\":\"AAAAAAAAAA\"");
        assertThat(new SecretsManagerTokenStore(SM, prefix).tokens("acme")).hasSize(2);
    }

    @Test
    void updateSecretVersionStage_shouldFail_whenAnotherWriterMovedAwsCurrentFirst() {
        // given: the compare-and-swap primitive the store relies on, exercised directly on the emulator
        String name = prefix + "/cas";
        String v0 = SM.createSecret(b -> b.name(name).secretString("v0")).versionId();
        String va = SM.putSecretValue(b -> b.secretId(name).secretString("a").versionStages("SCIM_PENDING")).versionId();
        String vb = SM.putSecretValue(b -> b.secretId(name).secretString("b").versionStages("SCIM_PENDING")).versionId();
        assertThat(SM.getSecretValue(b -> b.secretId(name).versionStage("AWSCURRENT")).secretString()).isEqualTo("v0");

        // when: A swaps first, then B tries to swap from the same version it read
        SM.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(va)
                .removeFromVersionId(v0));

        // then
        assertThatThrownBy(() -> SM.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT")
                .moveToVersionId(vb).removeFromVersionId(v0)))
                .isInstanceOf(software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException.class);
        assertThat(SM.getSecretValue(b -> b.secretId(name).versionStage("AWSCURRENT")).secretString()).isEqualTo("a");
    }

    @Test
    void update_shouldKeepBothWrites_whenTwoWritersInterleaveOnOneShard() throws Exception {
        // given: two admins (two store instances), A reads and is paused before writing
        var storeA = new SecretsManagerTokenStore(SM, prefix);
        var storeB = new SecretsManagerTokenStore(SM, prefix);
        store.update("acme", list -> plus(list, record("0000000000")));
        CountDownLatch aHasRead = new CountDownLatch(1);
        CountDownLatch bHasWritten = new CountDownLatch(1);
        AtomicInteger aAttempts = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<TokenRecord>> a = pool.submit(() -> storeA.update("acme", list -> {
                if (aAttempts.incrementAndGet() == 1) {
                    aHasRead.countDown();
                    await(bHasWritten);
                }
                return plus(list, record("AAAAAAAAAA"));
            }));
            assertThat(aHasRead.await(10, TimeUnit.SECONDS)).isTrue();

            // when: B writes the same shard while A holds its stale copy, then A continues
            storeB.update("acme", list -> plus(list, record("BBBBBBBBBB")));
            bHasWritten.countDown();
            a.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then: A lost the swap, re-read and retried, so neither write is lost
        assertThat(aAttempts).hasValue(2);
        assertThat(store.tokens("acme")).extracting(TokenRecord::id)
                .containsExactly("0000000000", "BBBBBBBBBB", "AAAAAAAAAA");
    }

    @Test
    void update_shouldKeepEveryWrite_whenManyWritersRaceIncludingTheFirstCreate() throws Exception {
        // given
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String id = ("W" + i).repeat(5);
                var own = new SecretsManagerTokenStore(SM, prefix);
                done.add(pool.submit(() -> {
                    await(start);
                    return own.update("acme", list -> plus(list, record(id)));
                }));
            }
            // when
            start.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(store.tokens("acme")).extracting(TokenRecord::id)
                .containsExactlyInAnyOrder("W0W0W0W0W0", "W1W1W1W1W1", "W2W2W2W2W2", "W3W3W3W3W3", "W4W4W4W4W4",
                        "W5W5W5W5W5");
    }

    @Test
    void update_shouldPropagateTheChangesException_andWriteNothing() {
        assertThatThrownBy(() -> store.update("acme", list -> {
            throw new IllegalStateException("refused");
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused");
        assertThat(store.tokens("acme")).isEmpty();
    }

    @Test
    void readShard_shouldReportWithoutContent_whenStoredDocumentIsNotAShard() {
        // given
        SM.createSecret(b -> b.name(prefix + "/7f").secretString("{\"tenants\":{\"x\":{\"tokens\":[{\"id\":1}]}}}"));

        // then
        assertThatThrownBy(() -> store.readShard("7f")).isInstanceOf(TokenStoreException.class)
                .hasMessage("stored token shard is not valid (IllegalArgumentException)");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("latch timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
