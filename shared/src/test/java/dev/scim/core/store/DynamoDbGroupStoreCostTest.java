package dev.scim.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Meta;
import dev.scim.core.store.dynamodb.DynamoDbGroupStore;
import dev.scim.core.store.memory.InMemoryGroupStore;
import dev.scim.core.testing.DynamoDbCallCounter;
import dev.scim.core.testing.Emulator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Measures what membership operations cost: DynamoDB calls per operation (counted on the emulator through the
 * real SDK) and the wall time of building a 20,000-member group in memory. Prints the figures; asserts only the
 * outcomes, never timings. The emulator's large group has 20,000 members (about 20 s to build on moto);
 * {@code -Dscim.bench.members=2000} shrinks it on a busy machine.
 */
class DynamoDbGroupStoreCostTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static DynamoDbCallCounter counter;
    private static DynamoDbClient client;
    private GroupStore store;

    @BeforeAll
    static void counter() {
        counter = new DynamoDbCallCounter();
        client = counter.client();
    }

    /** A table per test: moto copies a whole table per transaction, so a 20,000-item table would skew others. */
    @BeforeEach
    void store() {
        store = new DynamoDbGroupStore(client, Emulator.newTable(client));
    }

    @Test
    void membershipOperations_shouldCostBatchedCalls_whenMeasured() {
        String tenant = "cost-" + UUID.randomUUID();
        GroupResource g = group("Measured");
        store.create(tenant, g, List.of());

        report("add 1 member", () -> store.changeMembers(tenant, g.id(), members(0, 1), List.of(), NOW));
        report("add 100 members", () -> store.changeMembers(tenant, g.id(), members(1, 100), List.of(), NOW));
        report("remove 1 member", () -> store.changeMembers(tenant, g.id(), List.of(), List.of(id(0)), NOW));
        ObjectNode renamed = g.attributes().deepCopy().put("displayName", "Renamed");
        report("rename (replace with new displayName)",
                () -> store.replace(tenant, g.with(renamed, new Meta(g.meta().created(), NOW, 5)), 4));

        assertThat(store.memberIds(tenant, g.id())).hasSize(100);
        assertThat(store.get(tenant, g.id()).orElseThrow().meta().version()).isEqualTo(5);

        List<GroupResource> three = List.of(group("One"), group("Two"), group("Three"));
        report("create 3 groups with user 1 as initial member",
                () -> three.forEach(x -> store.create(tenant, x, members(1, 1))));
        report("groupsOf (user in 4 groups)", () -> assertThat(store.groupsOf(tenant, id(1))).hasSize(4));
        report("list(1, 3) of 4 groups", () -> assertThat(store.list(tenant, 1, 3).items()).hasSize(3));
        report("list(4, 3) of 4 groups", () -> assertThat(store.list(tenant, 4, 3).items()).hasSize(1));
        report("removeUserFromAllGroups (user in 4 groups)",
                () -> store.removeUserFromAllGroups(tenant, id(1), NOW));
        report("delete group with 99 members", () -> store.delete(tenant, g.id()));
        assertThat(store.groupsOf(tenant, id(2))).isEmpty();
    }

    @Test
    void largeGroup_shouldBeReadInFewQueries_whenMeasured() {
        int size = Integer.getInteger("scim.bench.members", 20_000);
        String tenant = "cost-" + UUID.randomUUID();
        GroupResource g = group("Large");
        store.create(tenant, g, List.of());

        counter.reset();
        long started = System.nanoTime();
        for (int from = 0; from < size; from += 100) {
            store.changeMembers(tenant, g.id(), members(from, 100), List.of(), NOW);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[cost] build %,d-member group on the emulator (changeMembers of 100): %,d ms, calls %s%n",
                size, millis, counter.snapshot());

        AtomicReference<List<Member>> read = new AtomicReference<>();
        report("members(10000) of a " + String.format("%,d", size) + "-member group",
                () -> read.set(store.members(tenant, g.id(), 10_000)));
        report("memberIds of a " + String.format("%,d", size) + "-member group",
                () -> assertThat(store.memberIds(tenant, g.id())).hasSize(size));

        assertThat(read.get()).hasSize(Math.min(size, 10_000));
        assertThat(read.get().get(0)).isEqualTo(members(0, 1).get(0));
        assertThat(read.get().get(read.get().size() - 1)).isEqualTo(members(Math.min(size, 10_000) - 1, 1).get(0));
    }

    @Test
    void inMemoryStore_shouldBuildTwentyThousandMembers_whenMeasured() {
        GroupStore memory = new InMemoryGroupStore();
        GroupResource g = group("Large in memory");
        memory.create("t", g, List.of());

        long started = System.nanoTime();
        for (int from = 0; from < 20_000; from += 100) {
            memory.changeMembers("t", g.id(), members(from, 100), List.of(), NOW);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[cost] build 20,000-member group in memory (changeMembers of 100): %,d ms%n", millis);

        assertThat(memory.memberIds("t", g.id())).hasSize(20_000);
        assertThat(memory.members("t", g.id(), 10_000)).hasSize(10_000);
    }

    private void report(String operation, Runnable action) {
        counter.reset();
        action.run();
        Map<String, Integer> calls = counter.snapshot();
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("[cost] %s: %d calls %s%n", operation, total, calls);
    }

    private static GroupResource group(String name) {
        return new GroupResource(UUID.randomUUID().toString(), Json.object().put("displayName", name),
                Meta.createdAt(NOW));
    }

    private static String id(int i) { return String.format("00u%08d-%s", i, "abcdefghijklmnopqrst"); }

    private static List<Member> members(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new Member(id(i), "user" + i + "@example.com"))
                .toList();
    }
}
