package dev.scim.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scim.core.error.ScimException;
import dev.scim.core.model.GroupResource;
import dev.scim.core.store.memory.InMemoryGroupStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The group store contract against the embedded store ({@code ./scim local}). */
class InMemoryGroupStoreTest extends GroupStoreContract {
    @Override
    protected GroupStore newStore() { return new InMemoryGroupStore(); }

    @Override
    protected int largeGroupSize() { return 20_000; }

    /*
     * Not in the contract: moto runs a transaction's items one by one and rolls back by restoring a snapshot of
     * the whole table, so concurrent transactions on moto can resurrect or lose each other's writes. DynamoDB
     * serialises transactions; the DynamoDB store relies on that and on attribute_not_exists on the claim.
     */
    @Test
    void create_shouldLetExactlyOneWin_whenTenCreatesRaceForOneName() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                GroupResource contender = group(i % 2 == 0 ? "Race" : "RACE");
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.create(tenant, contender, List.of());
                        return true;
                    } catch (ScimException.UniquenessConflict lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : outcomes) winners += f.get() ? 1 : 0;
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list(tenant, 1, 20).totalResults()).isEqualTo(1);
        assertThat(store.all(tenant, 20)).hasSize(1);
    }
}
