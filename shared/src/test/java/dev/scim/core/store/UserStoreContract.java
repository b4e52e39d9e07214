package dev.scim.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.json.Json;
import dev.scim.core.model.Meta;
import dev.scim.core.model.Page;
import dev.scim.core.model.UserResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link UserStore} must show, run against the embedded and the DynamoDB store alike. Each
 * test works in a fresh tenant, so tests share a store (and a table) without seeing each other's users.
 */
public abstract class UserStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");

    protected UserStore store;
    protected String tenant;

    /** The store under test; called before each test. */
    protected abstract UserStore newStore();


    @BeforeEach
    void freshTenant() {
        store = newStore();
        tenant = "tenant-" + UUID.randomUUID();
    }

    // ---- fixtures

    protected static UserResource user(String userName, Instant created) {
        return user(UUID.randomUUID().toString(), userName, created, null);
    }

    protected static UserResource user(String id, String userName, Instant created, String externalId) {
        ObjectNode a = Json.object();
        a.put("userName", userName);
        if (externalId != null) a.put("externalId", externalId);
        a.put("active", true);
        a.putObject("name").put("givenName", "Ada").put("familyName", "Lovelace");
        return new UserResource(id, a, Meta.createdAt(created));
    }

    protected static UserResource renamed(UserResource u, String newName, Instant now) {
        ObjectNode a = u.attributes().deepCopy();
        a.put("userName", newName);
        return u.with(a, u.meta().next(now));
    }

    // ---- create and read

    @Test
    void create_shouldRoundTripTheWholeDocument_whenItHasNestedObjectsArraysExtensionsAndUnicode() throws Exception {
        ObjectNode doc = (ObjectNode) Json.parse("""
                {"userName":"Zoë.Ångström@Example.com","externalId":"00u1ab2CD3","active":false,
                 "name":{"givenName":"Zoë","familyName":"Ångström","formatted":"Zoë Ångström 山田 🚀"},
                 "emails":[{"value":"zoe@example.com","type":"work","primary":true},
                           {"value":"z@example.org","type":"home","primary":false}],
                 "phoneNumbers":[],"nickName":null,"x509Certificates":[{"value":"MIIC\\n"}],
                 "urn:okta:example_app:1.0:user:custom":{"costCenter":"R&D","level":7,"ratio":0.25,
                     "badges":["a","b"],"manager":{"id":"m-1","nested":{"deep":true}}}}
                """);
        UserResource user = new UserResource("u-1", doc.deepCopy(), new Meta(T0, T0.plusSeconds(1), 1));

        store.create(tenant, user);

        UserResource stored = store.get(tenant, "u-1").orElseThrow();
        assertThat(stored.attributes()).isEqualTo(doc);
        assertThat(stored.meta()).isEqualTo(new Meta(T0, T0.plusSeconds(1), 1));
        assertThat(stored.id()).isEqualTo("u-1");
        assertThat(stored.active()).isFalse();
        assertThat(store.findByUserName(tenant, "zoë.ångström@example.com")).contains(stored);
    }

    @Test
    void get_shouldReturnEmpty_whenIdIsUnknownOrCarriesAKeySeparator() {
        store.create(tenant, user("u-2", "bob", T0, null));

        assertThat(store.get(tenant, "u-3")).isEmpty();
        assertThat(store.get(tenant, "u-2#U#x")).isEmpty();
        assertThat(store.existing(tenant, List.of("u-2#", "u-2"))).containsExactly("u-2");
    }

    @Test
    void create_shouldKeepStoredUserIntact_whenCallerMutatesDocumentsAfterwards() {
        UserResource u = user("bob", T0);
        store.create(tenant, u);
        u.attributes().put("userName", "mallory");

        UserResource read = store.get(tenant, u.id()).orElseThrow();
        read.attributes().put("nickName", "changed");

        assertThat(store.get(tenant, u.id()).orElseThrow().attributes().has("nickName")).isFalse();
        assertThat(store.get(tenant, u.id()).orElseThrow().userName()).isEqualTo("bob");
    }

    @Test
    void create_shouldThrowUniquenessConflict_whenUserNameDiffersOnlyInCase() {
        UserResource alice = user("Alice@Example.com", T0);
        store.create(tenant, alice);

        assertThatThrownBy(() -> store.create(tenant, user("ALICE@example.COM", T0)))
                .isInstanceOf(ScimException.UniquenessConflict.class)
                .hasMessage("userName 'ALICE@example.COM' is already taken in this tenant");

        assertThat(store.findByUserName(tenant, "alice@example.com").orElseThrow().userName())
                .isEqualTo("Alice@Example.com");
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
    }

    @Test
    void create_shouldThrowUniquenessConflict_whenIdExists() {
        store.create(tenant, user("u-1", "one", T0, null));

        assertThatThrownBy(() -> store.create(tenant, user("u-1", "two", T0, null)))
                .isInstanceOf(ScimException.UniquenessConflict.class)
                .hasMessage("a user with id 'u-1' already exists");
        assertThat(store.findByUserName(tenant, "two")).isEmpty();
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
    }

    @Test
    void findByUserName_shouldReturnEmpty_whenNameIsFree() {
        store.create(tenant, user("carol", T0));

        assertThat(store.findByUserName(tenant, "carol2")).isEmpty();
    }

    // ---- replace

    @Test
    void replace_shouldMoveTheClaim_whenUserNameChanges() {
        UserResource u = user("old.name", T0);
        store.create(tenant, u);

        store.replace(tenant, renamed(u, "New.Name", T0.plusSeconds(5)), 1);

        assertThat(store.findByUserName(tenant, "old.name")).isEmpty();
        UserResource now = store.findByUserName(tenant, "new.name").orElseThrow();
        assertThat(now.userName()).isEqualTo("New.Name");
        assertThat(now.meta()).isEqualTo(new Meta(T0, T0.plusSeconds(5), 2));
        store.create(tenant, user("OLD.NAME", T0));
        assertThatThrownBy(() -> store.create(tenant, user("new.NAME", T0)))
                .isInstanceOf(ScimException.UniquenessConflict.class);
    }

    @Test
    void replace_shouldKeepTheClaim_whenOnlyTheCaseChanges() {
        UserResource u = user("dave", T0);
        store.create(tenant, u);

        store.replace(tenant, renamed(u, "DAVE", T0.plusSeconds(1)), 1);

        assertThat(store.findByUserName(tenant, "Dave").orElseThrow().userName()).isEqualTo("DAVE");
        assertThatThrownBy(() -> store.create(tenant, user("dave", T0)))
                .isInstanceOf(ScimException.UniquenessConflict.class);
    }

    @Test
    void replace_shouldThrowUniquenessConflictAndChangeNothing_whenNewNameIsTaken() {
        UserResource erin = user("erin", T0);
        store.create(tenant, erin);
        store.create(tenant, user("frank", T0));

        assertThatThrownBy(() -> store.replace(tenant, renamed(erin, "Frank", T0.plusSeconds(1)), 1))
                .isInstanceOf(ScimException.UniquenessConflict.class)
                .hasMessage("userName 'Frank' is already taken in this tenant");

        assertThat(store.get(tenant, erin.id()).orElseThrow().meta().version()).isEqualTo(1);
        assertThat(store.findByUserName(tenant, "erin").orElseThrow().id()).isEqualTo(erin.id());
    }

    @Test
    void replace_shouldThrowVersionMismatch_whenExpectedVersionIsStale() {
        UserResource u = user("gina", T0);
        store.create(tenant, u);
        UserResource v2 = renamed(u, "gina", T0.plusSeconds(1));
        store.replace(tenant, v2, 1);

        UserResource staleEdit = renamed(u, "gina", T0.plusSeconds(2));
        assertThatThrownBy(() -> store.replace(tenant, staleEdit, 1))
                .isInstanceOf(ScimException.VersionMismatch.class)
                .hasMessage("User '" + u.id() + "' is at version 2, not 1; read it again and retry with its "
                        + "current ETag");
        UserResource staleRename = renamed(u, "gina.new", T0.plusSeconds(2));
        assertThatThrownBy(() -> store.replace(tenant, staleRename, 1))
                .isInstanceOf(ScimException.VersionMismatch.class);
        assertThat(store.findByUserName(tenant, "gina.new")).isEmpty();
        assertThat(store.get(tenant, u.id()).orElseThrow().meta().version()).isEqualTo(2);
    }

    @Test
    void replace_shouldThrowNotFound_whenIdIsUnknown() {
        UserResource ghost = user("ghost", T0);

        assertThatThrownBy(() -> store.replace(tenant, renamed(ghost, "ghost", T0), 1))
                .isInstanceOf(ScimException.NotFound.class)
                .hasMessage("User '" + ghost.id() + "' not found");
        assertThat(store.findByUserName(tenant, "ghost")).isEmpty();
    }

    @Test
    void replace_shouldFollowExternalId_whenAddedChangedAndRemoved() {
        UserResource u = user(UUID.randomUUID().toString(), "henry", T0, null);
        store.create(tenant, u);

        ObjectNode a = u.attributes().deepCopy();
        a.put("externalId", "ext-1");
        UserResource v2 = u.with(a, u.meta().next(T0.plusSeconds(1)));
        store.replace(tenant, v2, 1);
        assertThat(store.findByExternalId(tenant, "ext-1")).extracting(UserResource::id).containsExactly(u.id());

        ObjectNode b = a.deepCopy();
        b.put("externalId", "ext-2");
        UserResource v3 = u.with(b, v2.meta().next(T0.plusSeconds(2)));
        store.replace(tenant, v3, 2);
        assertThat(store.findByExternalId(tenant, "ext-1")).isEmpty();
        assertThat(store.findByExternalId(tenant, "ext-2")).extracting(UserResource::id).containsExactly(u.id());

        ObjectNode c = b.deepCopy();
        c.remove("externalId");
        store.replace(tenant, u.with(c, v3.meta().next(T0.plusSeconds(3))), 3);
        assertThat(store.findByExternalId(tenant, "ext-2")).isEmpty();
    }

    // ---- delete

    @Test
    void delete_shouldFreeTheNameAndDecrementTheTotal() {
        UserResource ivan = user("Ivan", T0);
        store.create(tenant, ivan);
        store.create(tenant, user("judy", T0));

        store.delete(tenant, ivan.id());

        assertThat(store.get(tenant, ivan.id())).isEmpty();
        assertThat(store.findByUserName(tenant, "ivan")).isEmpty();
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
        store.create(tenant, user("IVAN", T0));
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(2);
    }

    @Test
    void delete_shouldThrowNotFound_whenIdIsUnknownOrAlreadyDeleted() {
        UserResource u = user("kim", T0);
        store.create(tenant, u);
        store.delete(tenant, u.id());

        assertThatThrownBy(() -> store.delete(tenant, u.id()))
                .isInstanceOf(ScimException.NotFound.class)
                .hasMessage("User '" + u.id() + "' not found");
        assertThat(store.list(tenant, 1, 10).totalResults()).isZero();
    }

    // ---- list and all

    @Test
    void list_shouldCoverEveryUserOnceInCreationThenIdOrder_when25UsersArePagedBy10() {
        List<UserResource> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a creation instant, so the id decides their order.
            UserResource u = user("user" + i, T0.plusMillis(i / 2));
            created.add(u);
            store.create(tenant, u);
        }
        List<String> expected = created.stream()
                .sorted(Comparator.comparing((UserResource u) -> u.meta().created()).thenComparing(UserResource::id))
                .map(UserResource::id).toList();

        List<String> seen = new ArrayList<>();
        for (int start = 1; start <= 25; start += 10) {
            Page<UserResource> page = store.list(tenant, start, 10);
            assertThat(page.totalResults()).isEqualTo(25);
            assertThat(page.startIndex()).isEqualTo(start);
            assertThat(page.items()).hasSize(start == 21 ? 5 : 10);
            page.items().forEach(u -> seen.add(u.id()));
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(store.list(tenant, 7, 3).items()).extracting(UserResource::id)
                .containsExactlyElementsOf(expected.subList(6, 9));
    }

    @Test
    void list_shouldReturnAnEmptyPageWithTheTotal_whenStartIndexIsPastTheEndOrCountIsZero() {
        for (int i = 0; i < 3; i++) store.create(tenant, user("u" + i, T0.plusSeconds(i)));

        Page<UserResource> past = store.list(tenant, 4, 10);
        Page<UserResource> farPast = store.list(tenant, 1000, 10);
        Page<UserResource> none = store.list(tenant, 1, 0);

        assertThat(past.items()).isEmpty();
        assertThat(past.totalResults()).isEqualTo(3);
        assertThat(farPast.items()).isEmpty();
        assertThat(farPast.totalResults()).isEqualTo(3);
        assertThat(none.items()).isEmpty();
        assertThat(none.totalResults()).isEqualTo(3);
        assertThat(store.list(tenant, 3, 10).items()).extracting(UserResource::userName).containsExactly("u2");
    }

    @Test
    void list_shouldBeEmptyWithTotalZero_whenTenantHasNoUsers() {
        Page<UserResource> page = store.list(tenant, 1, 10);

        assertThat(page.items()).isEmpty();
        assertThat(page.totalResults()).isZero();
    }

    @Test
    void all_shouldReturnEveryUserInListOrder_whenWithinTheLimit() {
        UserResource late = user("late", T0.plusSeconds(10));
        UserResource early = user("early", T0);
        store.create(tenant, late);
        store.create(tenant, early);

        assertThat(store.all(tenant, 2)).extracting(UserResource::userName).containsExactly("early", "late");
    }

    @Test
    void all_shouldThrowTooMany_whenTenantHasMoreUsersThanTheLimit() {
        for (int i = 0; i < 4; i++) store.create(tenant, user("u" + i, T0));

        assertThatThrownBy(() -> store.all(tenant, 3))
                .isInstanceOf(ScimException.TooMany.class)
                .hasMessage("This filter must examine every user, and the tenant has more than 3; use an indexed "
                        + "filter instead: userName eq, externalId eq or id eq");
    }

    // ---- externalId, existing

    @Test
    void findByExternalId_shouldMatchExactCaseOnly_inListOrder() {
        UserResource second = user(UUID.randomUUID().toString(), "second", T0.plusSeconds(2), "00uABC");
        UserResource first = user(UUID.randomUUID().toString(), "first", T0.plusSeconds(1), "00uABC");
        store.create(tenant, second);
        store.create(tenant, first);
        store.create(tenant, user(UUID.randomUUID().toString(), "other", T0, "00uabc"));

        assertThat(store.findByExternalId(tenant, "00uABC")).extracting(UserResource::userName)
                .containsExactly("first", "second");
        assertThat(store.findByExternalId(tenant, "00uabc")).extracting(UserResource::userName)
                .containsExactly("other");
        assertThat(store.findByExternalId(tenant, "00UABC")).isEmpty();
    }

    @Test
    void existing_shouldReturnOnlyIdsOfThisTenantsUsers() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserResource u = user("u" + i, T0);
            store.create(tenant, u);
            ids.add(u.id());
        }
        String elsewhere = "tenant-" + UUID.randomUUID();
        UserResource foreign = user("foreign", T0);
        store.create(elsewhere, foreign);

        Set<String> asked = new HashSet<>(ids.subList(1, 4));
        asked.add("no-such-id");
        asked.add(foreign.id());

        assertThat(store.existing(tenant, asked)).containsExactlyInAnyOrderElementsOf(ids.subList(1, 4));
        assertThat(store.existing(tenant, List.of())).isEmpty();
    }

    // ---- tenant isolation

    @Test
    void everyOperation_shouldStayInsideTheTenant_whenTwoTenantsUseTheSameUserName() {
        String other = "tenant-" + UUID.randomUUID();
        UserResource a = user(UUID.randomUUID().toString(), "shared@example.com", T0, "ext-shared");
        UserResource b = user(UUID.randomUUID().toString(), "Shared@Example.com", T0, "ext-shared");
        store.create(tenant, a);
        store.create(other, b);

        assertThat(store.get(other, a.id())).isEmpty();
        assertThat(store.findByUserName(other, "shared@example.com").orElseThrow().id()).isEqualTo(b.id());
        assertThat(store.findByExternalId(other, "ext-shared")).extracting(UserResource::id).containsExactly(b.id());
        assertThat(store.list(other, 1, 10).items()).extracting(UserResource::id).containsExactly(b.id());
        assertThat(store.list(other, 1, 10).totalResults()).isEqualTo(1);
        assertThat(store.existing(other, List.of(a.id()))).isEmpty();
        assertThatThrownBy(() -> store.delete(other, a.id())).isInstanceOf(ScimException.NotFound.class);
        assertThatThrownBy(() -> store.replace(other, renamed(a, "x", T0), 1))
                .isInstanceOf(ScimException.NotFound.class);
        assertThat(store.get(tenant, a.id()).orElseThrow().userName()).isEqualTo("shared@example.com");
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
    }

    // ---- concurrency

    @Test
    void create_shouldLetExactlyOneWin_when20ConcurrentCreatesUseOneUserNameInDifferentCases() throws Exception {
        String base = "race.condition@example.com";
        UserStore racing = newStore();
        List<UserResource> candidates = new ArrayList<>();
        for (int i = 0; i < 20; i++) candidates.add(user(caseVariant(base, i), T0.plusMillis(i)));

        List<String> results = race(candidates.size(), i -> racing.create(tenant, candidates.get(i)));

        List<Integer> winners = winners(results);
        assertThat(winners).hasSize(1);
        assertThat(results).filteredOn("UniquenessConflict"::equals).hasSize(19);
        String winnerId = candidates.get(winners.get(0)).id();
        assertThat(racing.findByUserName(tenant, base).orElseThrow().id()).isEqualTo(winnerId);
        assertThat(racing.all(tenant, 100)).extracting(UserResource::id).containsExactly(winnerId);
        assertThat(racing.list(tenant, 1, 100).totalResults()).isEqualTo(1);
    }

    @Test
    void replace_shouldLetExactlyOneWin_when20ConcurrentReplacesExpectTheSameVersion() throws Exception {
        UserStore racing = newStore();
        UserResource u = user("contended", T0);
        racing.create(tenant, u);
        List<UserResource> edits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectNode a = u.attributes().deepCopy();
            a.put("title", "edit " + i);
            edits.add(u.with(a, u.meta().next(T0.plusSeconds(1))));
        }

        List<String> results = race(edits.size(), i -> racing.replace(tenant, edits.get(i), 1));

        List<Integer> winners = winners(results);
        assertThat(winners).hasSize(1);
        assertThat(results).filteredOn("VersionMismatch"::equals).hasSize(19);
        UserResource stored = racing.get(tenant, u.id()).orElseThrow();
        assertThat(stored.meta().version()).isEqualTo(2);
        assertThat(stored.attributes().get("title").asText()).isEqualTo("edit " + winners.get(0));
    }

    @Test
    void replace_shouldLetExactlyOneWin_when10UsersRaceToRenameToOneName() throws Exception {
        UserStore racing = newStore();
        List<UserResource> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UserResource u = user("before" + i, T0);
            racing.create(tenant, u);
            users.add(u);
        }

        List<String> results = race(users.size(),
                i -> racing.replace(tenant, renamed(users.get(i), "Wanted.Name", T0.plusSeconds(1)), 1));

        List<Integer> winners = winners(results);
        assertThat(winners).hasSize(1);
        assertThat(results).filteredOn("UniquenessConflict"::equals).hasSize(9);
        int w = winners.get(0);
        assertThat(racing.findByUserName(tenant, "wanted.name").orElseThrow().id()).isEqualTo(users.get(w).id());
        assertThat(racing.findByUserName(tenant, "before" + w)).isEmpty();
        for (int i = 0; i < users.size(); i++) {
            if (i != w) assertThat(racing.findByUserName(tenant, "before" + i)).isPresent();
        }
    }

    /**
     * Starts {@code n} writers at once; each result is "ok" or the simple name of the ScimException it raised
     * (any other exception fails the test).
     */
    private static List<String> race(int n, IntConsumer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<String> attempt = () -> {
                    go.await();
                    try {
                        writer.accept(index);
                        return "ok";
                    } catch (ScimException outcome) {
                        return outcome.getClass().getSimpleName();
                    }
                };
                outcomes.add(pool.submit(attempt));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) results.add(f.get(60, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> winners(List<String> results) {
        return IntStream.range(0, results.size()).filter(i -> results.get(i).equals("ok")).boxed().toList();
    }

    /** The n-th of 2^k spellings of {@code s}: bit j of n upper-cases the j-th letter. */
    private static String caseVariant(String s, int n) {
        StringBuilder out = new StringBuilder();
        int letter = 0;
        for (char c : s.toCharArray()) {
            if (Character.isLetter(c)) {
                out.append(((n >> letter++) & 1) == 1 ? Character.toUpperCase(c) : c);
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT).equals(s) ? out.toString() : s;
    }
}
