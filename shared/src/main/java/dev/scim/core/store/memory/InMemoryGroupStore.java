package dev.scim.core.store.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.model.GroupRef;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Meta;
import dev.scim.core.model.Page;
import dev.scim.core.store.GroupStore;
import dev.scim.core.store.KeyOrder;
import dev.scim.core.store.dynamodb.DynamoDbKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded {@link GroupStore} for {@code ./scim local} and tests: real code that behaves exactly like
 * {@code DynamoDbGroupStore} (same orders, totals, exceptions and messages; the same contract test runs against
 * both). Per tenant it keeps the groups, a displayName claim map, the list order (DynamoDB's gsi1 sort key), one
 * sorted membership map per group and the reverse index user → groups. Documents are deep-copied in and out so
 * callers can never change stored state. Thread-safe: each tenant's state is guarded by its own monitor, so
 * tenants never wait for each other.
 */
public final class InMemoryGroupStore implements GroupStore {
    /** DynamoDB orders string keys by their UTF-8 bytes, which is code point order, not UTF-16 order. */
    static final Comparator<String> KEY_ORDER = KeyOrder::compare;
    private static final Comparator<GroupRef> GROUP_REF_ORDER = Comparator
            .comparing(GroupRef::display, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(GroupRef::value);

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    private record Stored(ObjectNode attributes, Meta meta) {
        GroupResource toGroup(String id) { return new GroupResource(id, attributes.deepCopy(), meta); }
    }

    private static final class Tenant {
        final Map<String, Stored> groups = new HashMap<>();
        final Map<String, String> idByLowerName = new HashMap<>();
        final NavigableMap<String, String> idByListKey = new TreeMap<>(KEY_ORDER);
        final Map<String, NavigableMap<String, Member>> members = new HashMap<>();
        final Map<String, Set<String>> groupsByUser = new HashMap<>();
    }

    public InMemoryGroupStore() {}

    private Tenant tenant(String t) { return tenants.computeIfAbsent(t, k -> new Tenant()); }

    @Override
    public void create(String tenant, GroupResource group, Collection<Member> members) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            String lower = DynamoDbKeys.lower(group.displayName());
            if (t.idByLowerName.containsKey(lower)) throw nameTaken(group.displayName());
            if (t.groups.containsKey(group.id())) {
                throw new ScimException.UniquenessConflict("A group with id " + group.id() + " already exists");
            }
            t.groups.put(group.id(), new Stored(group.attributes().deepCopy(), group.meta()));
            t.idByLowerName.put(lower, group.id());
            t.idByListKey.put(DynamoDbKeys.listSortKey(group.meta().created(), group.id()), group.id());
            t.members.put(group.id(), new TreeMap<>(KEY_ORDER));
            members.forEach(m -> addMember(t, group.id(), m));
        }
    }

    @Override
    public Optional<GroupResource> get(String tenant, String id) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            return Optional.ofNullable(t.groups.get(id)).map(s -> s.toGroup(id));
        }
    }

    @Override
    public Optional<GroupResource> findByDisplayName(String tenant, String displayName) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            String id = t.idByLowerName.get(DynamoDbKeys.lower(displayName));
            return id == null ? Optional.empty() : Optional.of(t.groups.get(id).toGroup(id));
        }
    }

    @Override
    public List<GroupResource> findByExternalId(String tenant, String externalId) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            // Ordered by id, as DynamoDB's gsi3 (sort key = id) returns them.
            TreeMap<String, GroupResource> matches = new TreeMap<>(KEY_ORDER);
            t.groups.forEach((id, s) -> {
                GroupResource g = s.toGroup(id);
                if (g.externalId().filter(externalId::equals).isPresent()) matches.put(id, g);
            });
            return List.copyOf(matches.values());
        }
    }

    @Override
    public void replace(String tenant, GroupResource group, long expectedVersion) {
        if (group.meta().version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the new version must be expectedVersion + 1");
        }
        Tenant t = tenant(tenant);
        synchronized (t) {
            Stored current = t.groups.get(group.id());
            if (current == null) throw notFound(group.id());
            if (current.meta().version() != expectedVersion) throw versionMismatch(group.id(), expectedVersion);
            String oldLower = DynamoDbKeys.lower(current.attributes().path("displayName").asText());
            String newLower = DynamoDbKeys.lower(group.displayName());
            if (!oldLower.equals(newLower)) {
                if (t.idByLowerName.containsKey(newLower)) throw nameTaken(group.displayName());
                t.idByLowerName.remove(oldLower);
                t.idByLowerName.put(newLower, group.id());
            }
            // The list position follows meta.created as the DynamoDB item's gsi1sk does.
            t.idByListKey.remove(DynamoDbKeys.listSortKey(current.meta().created(), group.id()));
            t.idByListKey.put(DynamoDbKeys.listSortKey(group.meta().created(), group.id()), group.id());
            t.groups.put(group.id(), new Stored(group.attributes().deepCopy(), group.meta()));
        }
    }

    @Override
    public void delete(String tenant, String id) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            Stored current = t.groups.remove(id);
            if (current == null) throw notFound(id);
            t.idByLowerName.remove(DynamoDbKeys.lower(current.attributes().path("displayName").asText()));
            t.idByListKey.remove(DynamoDbKeys.listSortKey(current.meta().created(), id));
            for (String userId : t.members.remove(id).keySet()) unindex(t, userId, id);
        }
    }

    @Override
    public Page<GroupResource> list(String tenant, int startIndex, int count) {
        if (startIndex < 1) throw new IllegalArgumentException("startIndex is 1-based");
        Tenant t = tenant(tenant);
        synchronized (t) {
            List<GroupResource> page = new ArrayList<>();
            if (count > 0) {
                t.idByListKey.values().stream().skip(startIndex - 1L).limit(count)
                        .forEach(id -> page.add(t.groups.get(id).toGroup(id)));
            }
            return new Page<>(page, t.groups.size(), startIndex);
        }
    }

    @Override
    public List<GroupResource> all(String tenant, int max) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            if (t.groups.size() > max) throw tooMany(max);
            return t.idByListKey.values().stream().map(id -> t.groups.get(id).toGroup(id)).toList();
        }
    }

    @Override
    public void changeMembers(String tenant, String groupId, Collection<Member> add, Collection<String> removeUserIds,
            Instant now) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            Stored current = t.groups.get(groupId);
            if (current == null) throw notFound(groupId);
            Map<String, Member> adds = new LinkedHashMap<>();
            add.forEach(m -> adds.put(m.value(), m));
            Set<String> removes = new HashSet<>(removeUserIds);
            removes.removeAll(adds.keySet());
            if (adds.isEmpty() && removes.isEmpty()) return;
            adds.values().forEach(m -> addMember(t, groupId, m));
            for (String userId : removes) {
                if (t.members.get(groupId).remove(userId) != null) unindex(t, userId, groupId);
            }
            t.groups.put(groupId, new Stored(current.attributes(), current.meta().next(now)));
        }
    }

    @Override
    public List<Member> members(String tenant, String groupId, int limit) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            NavigableMap<String, Member> members = t.members.get(groupId);
            if (members == null || limit <= 0) return List.of();
            return members.values().stream().limit(limit).toList();
        }
    }

    @Override
    public Set<String> memberIds(String tenant, String groupId) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            NavigableMap<String, Member> members = t.members.get(groupId);
            return members == null ? Set.of() : new HashSet<>(members.keySet());
        }
    }

    @Override
    public List<GroupRef> groupsOf(String tenant, String userId) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            List<GroupRef> refs = new ArrayList<>();
            for (String groupId : t.groupsByUser.getOrDefault(userId, Set.of())) {
                Stored s = t.groups.get(groupId);
                String display = s.attributes().path("displayName").asText();
                refs.add(new GroupRef(groupId, display));
            }
            refs.sort(GROUP_REF_ORDER);
            return refs;
        }
    }

    @Override
    public void removeUserFromAllGroups(String tenant, String userId, Instant now) {
        Tenant t = tenant(tenant);
        synchronized (t) {
            Set<String> groupIds = t.groupsByUser.remove(userId);
            if (groupIds == null) return;
            for (String groupId : groupIds) {
                t.members.get(groupId).remove(userId);
                Stored s = t.groups.get(groupId);
                t.groups.put(groupId, new Stored(s.attributes(), s.meta().next(now)));
            }
        }
    }

    private static void addMember(Tenant t, String groupId, Member m) {
        t.members.get(groupId).put(m.value(), m);
        t.groupsByUser.computeIfAbsent(m.value(), k -> new HashSet<>()).add(groupId);
    }

    private static void unindex(Tenant t, String userId, String groupId) {
        Set<String> groupIds = t.groupsByUser.get(userId);
        if (groupIds != null && groupIds.remove(groupId) && groupIds.isEmpty()) t.groupsByUser.remove(userId);
    }

    private static ScimException.NotFound notFound(String id) {
        return new ScimException.NotFound("Group " + id + " not found");
    }

    private static ScimException.UniquenessConflict nameTaken(String displayName) {
        return new ScimException.UniquenessConflict(
                "displayName '" + displayName + "' is already taken in this tenant");
    }

    private static ScimException.VersionMismatch versionMismatch(String id, long expected) {
        return new ScimException.VersionMismatch("Group " + id + " is no longer at version " + expected
                + "; read it again and retry");
    }

    private static ScimException.TooMany tooMany(int max) {
        return new ScimException.TooMany("The filter would have to examine more than " + max
                + " groups; filter by displayName or externalId with eq instead");
    }
}
