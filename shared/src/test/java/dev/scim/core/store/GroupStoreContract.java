package dev.scim.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.json.Json;
import dev.scim.core.model.GroupRef;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Meta;
import dev.scim.core.model.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link GroupStore} must show, run against the embedded store and against DynamoDB on the
 * emulator. Each test works in fresh tenants, so the DynamoDB subclass can share one table per class.
 */
public abstract class GroupStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final AtomicLong CLOCK = new AtomicLong();

    protected GroupStore store;
    protected String tenant;
    protected String otherTenant;

    /** A fresh store (sharing backing storage between calls is allowed: tests use fresh tenants). */
    protected abstract GroupStore newStore();

    /** Members of the large-group test: 2,000 on the emulator, 20,000 in memory. */
    protected abstract int largeGroupSize();

    @BeforeEach
    void setUp() {
        store = newStore();
        tenant = "tenant-" + UUID.randomUUID();
        otherTenant = "tenant-" + UUID.randomUUID();
    }

    // ---- fixtures

    protected static Instant nextInstant() { return T0.plusMillis(CLOCK.incrementAndGet()); }

    protected static GroupResource group(String displayName) {
        ObjectNode attributes = Json.object().put("displayName", displayName);
        return new GroupResource(UUID.randomUUID().toString(), attributes, Meta.createdAt(nextInstant()));
    }

    protected static List<Member> members(String prefix, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> new Member(String.format("%s-%06d", prefix, i), "User " + i)).toList();
    }

    private GroupResource created(String displayName, Member... members) {
        GroupResource g = group(displayName);
        store.create(tenant, g, List.of(members));
        return g;
    }

    private long version(String id) { return store.get(tenant, id).orElseThrow().meta().version(); }

    // ---- create / get

    @Test
    void create_shouldPreserveDocumentExactly_whenReadBack() throws Exception {
        ObjectNode attributes = (ObjectNode) Json.parse("""
                {"displayName":"Sales EMEA","externalId":"00g1emaKYZTWRYYRRTSK",
                 "urn:okta:custom:group:1.0":{"description":"Everyone selling in Europé ✓"},
                 "nested":{"list":[1,2.5,"x",null,true],"empty":{}}}""");
        Instant created = nextInstant();
        GroupResource g = new GroupResource("g-" + UUID.randomUUID(), attributes.deepCopy(), Meta.createdAt(created));

        store.create(tenant, g, List.of());
        attributes.put("displayName", "changed by the caller afterwards");

        GroupResource read = store.get(tenant, g.id()).orElseThrow();
        assertThat(read.id()).isEqualTo(g.id());
        assertThat(read.attributes()).isEqualTo(g.attributes());
        assertThat(read.attributes().path("urn:okta:custom:group:1.0").path("description").asText())
                .isEqualTo("Everyone selling in Europé ✓");
        assertThat(read.meta()).isEqualTo(new Meta(created, created, 1));
    }

    @Test
    void get_shouldReturnCopies_whenCallerMutatesResult() {
        GroupResource g = created("Copies");

        store.get(tenant, g.id()).orElseThrow().attributes().put("displayName", "mutated");

        assertThat(store.get(tenant, g.id()).orElseThrow().displayName()).isEqualTo("Copies");
    }

    @Test
    void get_shouldBeEmpty_whenGroupDoesNotExist() {
        assertThat(store.get(tenant, "no-such-group")).isEmpty();
    }

    @Test
    void create_shouldRejectDisplayName_whenTakenIgnoringCase() {
        created("Sales");

        assertThatThrownBy(() -> store.create(tenant, group("SALES"), List.of()))
                .isInstanceOf(ScimException.UniquenessConflict.class)
                .hasMessage("displayName 'SALES' is already taken in this tenant");
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
        assertThat(store.findByDisplayName(tenant, "sales").orElseThrow().displayName()).isEqualTo("Sales");
    }

    @Test
    void create_shouldStoreInitialMembers_whenGiven() {
        GroupResource g = created("Initial", new Member("u2", "Two"), new Member("u1", null));

        assertThat(store.members(tenant, g.id(), 10)).containsExactly(new Member("u1", null), new Member("u2", "Two"));
        assertThat(store.groupsOf(tenant, "u1")).containsExactly(new GroupRef(g.id(), "Initial"));
        assertThat(version(g.id())).isEqualTo(1);
    }

    // ---- lookups

    @Test
    void findByDisplayName_shouldIgnoreCase_whenLookingUp() {
        GroupResource g = created("Engineering");

        assertThat(store.findByDisplayName(tenant, "eNGINEERING").map(GroupResource::id)).contains(g.id());
        assertThat(store.findByDisplayName(tenant, "Engineer")).isEmpty();
    }

    @Test
    void findByExternalId_shouldMatchExactCase_whenLookingUp() {
        GroupResource g = group("External");
        g.attributes().put("externalId", "Ext-42");
        store.create(tenant, g, List.of());

        assertThat(store.findByExternalId(tenant, "Ext-42")).extracting(GroupResource::id).containsExactly(g.id());
        assertThat(store.findByExternalId(tenant, "ext-42")).isEmpty();
        assertThat(store.findByExternalId(otherTenant, "Ext-42")).isEmpty();
    }

    // ---- replace

    @Test
    void replace_shouldMoveClaim_whenRenamed() {
        GroupResource g = created("Old Name", new Member("u1", null));

        store.replace(tenant, renamed(g, "New Name"), 1);

        assertThat(store.findByDisplayName(tenant, "old name")).isEmpty();
        assertThat(store.findByDisplayName(tenant, "NEW NAME").map(GroupResource::id)).contains(g.id());
        assertThat(store.groupsOf(tenant, "u1")).containsExactly(new GroupRef(g.id(), "New Name"));
        assertThat(store.get(tenant, g.id()).orElseThrow().meta().version()).isEqualTo(2);
        store.create(tenant, group("old NAME"), List.of());
        assertThat(store.findByDisplayName(tenant, "Old Name").orElseThrow().id()).isNotEqualTo(g.id());
        assertThatThrownBy(() -> store.create(tenant, group("new name"), List.of()))
                .isInstanceOf(ScimException.UniquenessConflict.class);
    }

    @Test
    void replace_shouldKeepClaim_whenOnlyCaseChanges() {
        GroupResource g = created("Support");

        store.replace(tenant, renamed(g, "SUPPORT"), 1);

        assertThat(store.get(tenant, g.id()).orElseThrow().displayName()).isEqualTo("SUPPORT");
        assertThat(store.findByDisplayName(tenant, "support").map(GroupResource::id)).contains(g.id());
    }

    @Test
    void replace_shouldThrowUniquenessConflict_whenNewNameTaken() {
        created("Taken");
        GroupResource g = created("Mine");

        assertThatThrownBy(() -> store.replace(tenant, renamed(g, "tAKEN"), 1))
                .isInstanceOf(ScimException.UniquenessConflict.class)
                .hasMessage("displayName 'tAKEN' is already taken in this tenant");
        GroupResource stored = store.get(tenant, g.id()).orElseThrow();
        assertThat(stored.displayName()).isEqualTo("Mine");
        assertThat(stored.meta().version()).isEqualTo(1);
        assertThat(store.findByDisplayName(tenant, "mine").map(GroupResource::id)).contains(g.id());
    }

    @Test
    void replace_shouldThrowVersionMismatch_whenVersionIsStale() {
        GroupResource g = created("Versioned");
        store.changeMembers(tenant, g.id(), List.of(new Member("u1", null)), List.of(), nextInstant());

        assertThatThrownBy(() -> store.replace(tenant, renamed(g, "Versioned 2"), 1))
                .isInstanceOf(ScimException.VersionMismatch.class)
                .hasMessage("Group " + g.id() + " is no longer at version 1; read it again and retry");
        assertThat(store.findByDisplayName(tenant, "Versioned 2")).isEmpty();
        assertThat(store.get(tenant, g.id()).orElseThrow().displayName()).isEqualTo("Versioned");
    }

    @Test
    void replace_shouldThrowNotFound_whenGroupDoesNotExist() {
        GroupResource ghost = group("Ghost");

        assertThatThrownBy(() -> store.replace(tenant, renamed(ghost, "Ghost 2"), 1))
                .isInstanceOf(ScimException.NotFound.class)
                .hasMessage("Group " + ghost.id() + " not found");
        assertThat(store.findByDisplayName(tenant, "Ghost 2")).isEmpty();
    }

    @Test
    void replace_shouldMaintainExternalIdLookup_whenExternalIdChanges() {
        GroupResource g = group("Ext");
        g.attributes().put("externalId", "first");
        store.create(tenant, g, List.of());
        ObjectNode changed = g.attributes().deepCopy().put("externalId", "second");

        store.replace(tenant, g.with(changed, g.meta().next(nextInstant())), 1);

        assertThat(store.findByExternalId(tenant, "first")).isEmpty();
        assertThat(store.findByExternalId(tenant, "second")).extracting(GroupResource::id).containsExactly(g.id());
        ObjectNode without = changed.deepCopy();
        without.remove("externalId");
        store.replace(tenant, g.with(without, g.meta().next(nextInstant()).next(nextInstant())), 2);
        assertThat(store.findByExternalId(tenant, "second")).isEmpty();
    }

    private static GroupResource renamed(GroupResource g, String newName) {
        ObjectNode attributes = g.attributes().deepCopy().put("displayName", newName);
        return g.with(attributes, g.meta().next(nextInstant()));
    }

    // ---- membership changes

    @Test
    void changeMembers_shouldAddAndRemove_whenMixed() {
        GroupResource g = created("Mixed", new Member("a", null), new Member("b", null));
        Instant now = nextInstant();

        store.changeMembers(tenant, g.id(), List.of(new Member("c", "C"), new Member("d", null)), List.of("a", "zz"),
                now);

        assertThat(store.memberIds(tenant, g.id())).containsExactlyInAnyOrder("b", "c", "d");
        GroupResource stored = store.get(tenant, g.id()).orElseThrow();
        assertThat(stored.meta().version()).isEqualTo(2);
        assertThat(stored.meta().lastModified()).isEqualTo(now);
        assertThat(stored.meta().created()).isEqualTo(g.meta().created());
        assertThat(store.groupsOf(tenant, "a")).isEmpty();
        assertThat(store.groupsOf(tenant, "c")).containsExactly(new GroupRef(g.id(), "Mixed"));
    }

    @Test
    void changeMembers_shouldKeepOneMembership_whenMemberAddedAgain() {
        GroupResource g = created("Idempotent", new Member("u1", "Old display"));

        store.changeMembers(tenant, g.id(), List.of(new Member("u1", "New display")), List.of(), nextInstant());
        store.changeMembers(tenant, g.id(), List.of(new Member("u1", "New display")), List.of(), nextInstant());

        assertThat(store.members(tenant, g.id(), 10)).containsExactly(new Member("u1", "New display"));
        assertThat(store.groupsOf(tenant, "u1")).hasSize(1);
        assertThat(version(g.id())).isEqualTo(3);
    }

    @Test
    void changeMembers_shouldAdd_whenSameUserIsAddedAndRemoved() {
        GroupResource g = created("Both");

        store.changeMembers(tenant, g.id(), List.of(new Member("u1", null)), List.of("u1"), nextInstant());

        assertThat(store.memberIds(tenant, g.id())).containsExactly("u1");
    }

    @Test
    void changeMembers_shouldIgnoreAbsentMembers_whenRemoving() {
        GroupResource g = created("Absent", new Member("u1", null));

        store.changeMembers(tenant, g.id(), List.of(), List.of("u2"), nextInstant());

        assertThat(store.memberIds(tenant, g.id())).containsExactly("u1");
        assertThat(version(g.id())).isEqualTo(2);
    }

    @Test
    void changeMembers_shouldNotBumpVersion_whenNothingIsAsked() {
        GroupResource g = created("Nothing");

        store.changeMembers(tenant, g.id(), List.of(), List.of(), nextInstant());

        assertThat(store.get(tenant, g.id()).orElseThrow().meta()).isEqualTo(g.meta());
    }

    @Test
    void changeMembers_shouldThrowNotFound_whenGroupDoesNotExist() {
        assertThatThrownBy(() -> store.changeMembers(tenant, "missing", List.of(new Member("u1", null)), List.of(),
                nextInstant()))
                .isInstanceOf(ScimException.NotFound.class)
                .hasMessage("Group missing not found");
        assertThat(store.groupsOf(tenant, "u1")).isEmpty();
        assertThat(store.memberIds(tenant, "missing")).isEmpty();
    }

    @Test
    void members_shouldBeInUserIdOrderAndLimited_whenRead() {
        GroupResource g = created("Ordered");
        List<Member> shuffled = new ArrayList<>(members("user", 0, 60));
        Collections.shuffle(shuffled, new Random(7));

        store.changeMembers(tenant, g.id(), shuffled, List.of(), nextInstant());

        assertThat(store.members(tenant, g.id(), 5)).containsExactlyElementsOf(members("user", 0, 5));
        assertThat(store.members(tenant, g.id(), 1000)).containsExactlyElementsOf(members("user", 0, 60));
        assertThat(store.members(tenant, g.id(), 0)).isEmpty();
        assertThat(store.memberIds(tenant, g.id())).hasSize(60).contains("user-000000", "user-000059");
    }

    @Test
    void changeMembers_shouldKeepEveryMember_whenTwentyChangesRunConcurrently() throws Exception {
        GroupResource g = created("Concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                List<Member> five = members("c" + i, 0, 5);
                Callable<Void> change = () -> {
                    start.await();
                    store.changeMembers(tenant, g.id(), five, List.of(), nextInstant());
                    return null;
                };
                done.add(pool.submit(change));
            }
            start.countDown();
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.memberIds(tenant, g.id())).hasSize(100);
        assertThat(version(g.id())).isEqualTo(21);
    }

    @Test
    void changeMembers_shouldBuildLargeGroup_whenAddingInChunksOfHundred() {
        GroupResource g = created("Large");
        int size = largeGroupSize();

        for (int from = 0; from < size; from += 100) {
            store.changeMembers(tenant, g.id(), members("big", from, 100), List.of(), nextInstant());
        }

        assertThat(store.memberIds(tenant, g.id())).hasSize(size);
        assertThat(store.members(tenant, g.id(), 1500)).containsExactlyElementsOf(members("big", 0, 1500));
        assertThat(version(g.id())).isEqualTo(1 + size / 100);
    }

    // ---- groupsOf / removeUserFromAllGroups / delete

    @Test
    void groupsOf_shouldListCurrentGroupsSortedByName_whenMembershipsChange() {
        GroupResource zeta = created("Zeta", new Member("u1", null));
        GroupResource alpha = created("alpha", new Member("u1", null));
        GroupResource beta = created("Beta");

        store.changeMembers(tenant, beta.id(), List.of(new Member("u1", null)), List.of(), nextInstant());
        assertThat(store.groupsOf(tenant, "u1")).containsExactly(new GroupRef(beta.id(), "Beta"),
                new GroupRef(zeta.id(), "Zeta"), new GroupRef(alpha.id(), "alpha"));

        store.changeMembers(tenant, zeta.id(), List.of(), List.of("u1"), nextInstant());
        store.delete(tenant, alpha.id());
        assertThat(store.groupsOf(tenant, "u1")).containsExactly(new GroupRef(beta.id(), "Beta"));
        assertThat(store.groupsOf(tenant, "nobody")).isEmpty();
    }

    @Test
    void removeUserFromAllGroups_shouldRemoveEveryMembershipAndBumpVersions_whenUserIsDeleted() {
        GroupResource a = created("A", new Member("leaver", null), new Member("stayer", null));
        GroupResource b = created("B", new Member("leaver", null));
        GroupResource c = created("C", new Member("stayer", null));
        Instant now = nextInstant();

        store.removeUserFromAllGroups(tenant, "leaver", now);

        assertThat(store.groupsOf(tenant, "leaver")).isEmpty();
        assertThat(store.memberIds(tenant, a.id())).containsExactly("stayer");
        assertThat(store.memberIds(tenant, b.id())).isEmpty();
        assertThat(store.get(tenant, a.id()).orElseThrow().meta()).isEqualTo(new Meta(a.meta().created(), now, 2));
        assertThat(version(b.id())).isEqualTo(2);
        assertThat(version(c.id())).isEqualTo(1);
        assertThat(store.groupsOf(tenant, "stayer")).hasSize(2);
    }

    @Test
    void delete_shouldRemoveGroupClaimAndMemberships_whenGroupExists() {
        GroupResource g = created("Doomed", new Member("u1", null), new Member("u2", null));
        created("Survivor", new Member("u1", null));

        store.delete(tenant, g.id());

        assertThat(store.get(tenant, g.id())).isEmpty();
        assertThat(store.findByDisplayName(tenant, "doomed")).isEmpty();
        assertThat(store.memberIds(tenant, g.id())).isEmpty();
        assertThat(store.groupsOf(tenant, "u2")).isEmpty();
        assertThat(store.groupsOf(tenant, "u1")).extracting(GroupRef::display).containsExactly("Survivor");
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
        GroupResource again = created("DOOMED");
        assertThat(store.memberIds(tenant, again.id())).isEmpty();
        assertThat(store.findByDisplayName(tenant, "Doomed").map(GroupResource::id)).contains(again.id());
    }

    @Test
    void delete_shouldThrowNotFound_whenGroupDoesNotExist() {
        assertThatThrownBy(() -> store.delete(tenant, "missing"))
                .isInstanceOf(ScimException.NotFound.class)
                .hasMessage("Group missing not found");
    }

    // ---- tenant isolation

    @Test
    void everyOperation_shouldStayInsideTenant_whenAnotherTenantUsesSameIds() {
        GroupResource g = created("Shared Name", new Member("u1", null));

        assertThat(store.get(otherTenant, g.id())).isEmpty();
        assertThat(store.findByDisplayName(otherTenant, "Shared Name")).isEmpty();
        assertThat(store.list(otherTenant, 1, 10).totalResults()).isZero();
        assertThat(store.all(otherTenant, 10)).isEmpty();
        assertThat(store.groupsOf(otherTenant, "u1")).isEmpty();
        assertThat(store.memberIds(otherTenant, g.id())).isEmpty();
        assertThat(store.members(otherTenant, g.id(), 10)).isEmpty();
        assertThatThrownBy(() -> store.changeMembers(otherTenant, g.id(), List.of(new Member("x", null)),
                List.of("u1"), nextInstant())).isInstanceOf(ScimException.NotFound.class);
        assertThatThrownBy(() -> store.replace(otherTenant, renamed(g, "Hijacked"), 1))
                .isInstanceOf(ScimException.NotFound.class);
        assertThatThrownBy(() -> store.delete(otherTenant, g.id())).isInstanceOf(ScimException.NotFound.class);
        store.removeUserFromAllGroups(otherTenant, "u1", nextInstant());

        GroupResource theirs = group("shared name");
        store.create(otherTenant, theirs, List.of(new Member("u1", null)));

        assertThat(store.get(tenant, g.id()).orElseThrow().meta().version()).isEqualTo(1);
        assertThat(store.get(tenant, g.id()).orElseThrow().displayName()).isEqualTo("Shared Name");
        assertThat(store.memberIds(tenant, g.id())).containsExactly("u1");
        assertThat(store.groupsOf(tenant, "u1")).containsExactly(new GroupRef(g.id(), "Shared Name"));
        assertThat(store.groupsOf(otherTenant, "u1")).containsExactly(new GroupRef(theirs.id(), "shared name"));
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
        assertThat(store.list(otherTenant, 1, 10).totalResults()).isEqualTo(1);
    }

    // ---- list / all

    @Test
    void list_shouldPageInCreationOrderWithTotals_whenPaging() {
        List<String> ids = IntStream.range(0, 7).mapToObj(i -> created("List " + i).id()).toList();

        Page<GroupResource> first = store.list(tenant, 1, 3);
        Page<GroupResource> second = store.list(tenant, 4, 3);
        Page<GroupResource> last = store.list(tenant, 7, 3);
        Page<GroupResource> beyond = store.list(tenant, 8, 3);
        Page<GroupResource> countOnly = store.list(tenant, 1, 0);

        assertThat(first.items()).extracting(GroupResource::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(second.items()).extracting(GroupResource::id).containsExactlyElementsOf(ids.subList(3, 6));
        assertThat(last.items()).extracting(GroupResource::id).containsExactly(ids.get(6));
        assertThat(beyond.items()).isEmpty();
        assertThat(countOnly.items()).isEmpty();
        assertThat(List.of(first, second, last, beyond, countOnly)).extracting(Page::totalResults).containsOnly(7L);
        assertThat(second.startIndex()).isEqualTo(4);
    }

    @Test
    void all_shouldReturnEveryGroupInListOrder_whenWithinMax() {
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> created("All " + i).id()).toList();

        assertThat(store.all(tenant, 3)).extracting(GroupResource::id).containsExactlyElementsOf(ids);
    }

    @Test
    void all_shouldThrowTooMany_whenTenantHasMoreThanMax() {
        IntStream.range(0, 3).forEach(i -> created("Many " + i));

        assertThatThrownBy(() -> store.all(tenant, 2))
                .isInstanceOf(ScimException.TooMany.class)
                .hasMessage("The filter would have to examine more than 2 groups; "
                        + "filter by displayName or externalId with eq instead");
    }

    /* On DynamoDB this relies on attribute_not_exists on the claim inside one transaction (the emulator serves one
     * request at a time, as DynamoDB serialises transactions). */
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
