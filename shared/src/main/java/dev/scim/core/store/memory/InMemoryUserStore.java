package dev.scim.core.store.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.model.Page;
import dev.scim.core.model.UserResource;
import dev.scim.core.store.UserStore;
import dev.scim.core.store.UserStoreRules;
import dev.scim.core.store.dynamodb.DynamoDbKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded {@link UserStore} behind {@code ./scim local} and fast tests. It behaves like
 * {@code DynamoDbUserStore}: same list order (creation time, then id), same case-insensitive userName uniqueness
 * (RFC 7643 §4.1.1, folded with {@link DynamoDbKeys#lower}), same exceptions and totals.
 *
 * <p>Thread-safe: each tenant's users sit behind that tenant's monitor, so every operation on a tenant is atomic
 * and tenants never wait for each other. Documents are deep-copied in and out, so no caller can change a stored
 * user without going through the store.
 */
public final class InMemoryUserStore implements UserStore {
    private final Map<String, TenantUsers> tenants = new ConcurrentHashMap<>();

    /** One tenant's users: by id, by lower-cased userName, and in list order. Guarded by its own monitor. */
    private static final class TenantUsers {
        final Map<String, UserResource> byId = new HashMap<>();
        final Map<String, String> idByLowerName = new HashMap<>();
        final TreeSet<UserResource> inListOrder = new TreeSet<>(UserStoreRules.LIST_ORDER);
    }

    public InMemoryUserStore() {}

    @Override
    public void create(String tenant, UserResource user) {
        UserStoreRules.checkNew(user);
        UserResource copy = copyIn(user);
        TenantUsers users = tenants.computeIfAbsent(tenant, t -> new TenantUsers());
        String lower = DynamoDbKeys.lower(user.userName());
        synchronized (users) {
            if (users.idByLowerName.containsKey(lower)) throw UserStoreRules.nameTaken(user.userName());
            if (users.byId.containsKey(user.id())) throw UserStoreRules.idTaken(user.id());
            users.byId.put(copy.id(), copy);
            users.idByLowerName.put(lower, copy.id());
            users.inListOrder.add(copy);
        }
    }

    @Override
    public Optional<UserResource> get(String tenant, String id) {
        TenantUsers users = tenants.get(tenant);
        if (users == null || !UserStoreRules.isPossibleId(id)) return Optional.empty();
        synchronized (users) {
            return Optional.ofNullable(users.byId.get(id)).map(InMemoryUserStore::copy);
        }
    }

    @Override
    public Optional<UserResource> findByUserName(String tenant, String userName) {
        TenantUsers users = tenants.get(tenant);
        if (users == null) return Optional.empty();
        synchronized (users) {
            String id = users.idByLowerName.get(DynamoDbKeys.lower(userName));
            return id == null ? Optional.empty() : Optional.of(copy(users.byId.get(id)));
        }
    }

    @Override
    public List<UserResource> findByExternalId(String tenant, String externalId) {
        TenantUsers users = tenants.get(tenant);
        if (users == null) return List.of();
        synchronized (users) {
            return users.inListOrder.stream()
                    .filter(u -> u.externalId().filter(externalId::equals).isPresent())
                    .map(InMemoryUserStore::copy).toList();
        }
    }

    @Override
    public void replace(String tenant, UserResource user, long expectedVersion) {
        UserStoreRules.checkReplacement(user, expectedVersion);
        TenantUsers users = tenants.get(tenant);
        if (users == null) throw UserStoreRules.notFound(user.id());
        UserResource copy = copyIn(user);
        String newLower = DynamoDbKeys.lower(user.userName());
        synchronized (users) {
            UserResource current = users.byId.get(user.id());
            if (current == null) throw UserStoreRules.notFound(user.id());
            if (current.meta().version() != expectedVersion) {
                throw UserStoreRules.versionMismatch(user.id(), current.meta().version(), expectedVersion);
            }
            String oldLower = DynamoDbKeys.lower(current.userName());
            if (!newLower.equals(oldLower)) {
                if (users.idByLowerName.containsKey(newLower)) throw UserStoreRules.nameTaken(user.userName());
                users.idByLowerName.remove(oldLower);
                users.idByLowerName.put(newLower, copy.id());
            }
            users.inListOrder.remove(current);
            users.inListOrder.add(copy);
            users.byId.put(copy.id(), copy);
        }
    }

    @Override
    public void delete(String tenant, String id) {
        TenantUsers users = tenants.get(tenant);
        if (users == null || !UserStoreRules.isPossibleId(id)) throw UserStoreRules.notFound(id);
        synchronized (users) {
            UserResource current = users.byId.remove(id);
            if (current == null) throw UserStoreRules.notFound(id);
            users.idByLowerName.remove(DynamoDbKeys.lower(current.userName()));
            users.inListOrder.remove(current);
        }
    }

    @Override
    public Page<UserResource> list(String tenant, int startIndex, int count) {
        int start = Math.max(startIndex, 1);
        int size = Math.max(count, 0);
        TenantUsers users = tenants.get(tenant);
        if (users == null) return new Page<>(List.of(), 0, start);
        synchronized (users) {
            List<UserResource> page = users.inListOrder.stream().skip(start - 1L).limit(size)
                    .map(InMemoryUserStore::copy).toList();
            return new Page<>(page, users.byId.size(), start);
        }
    }

    @Override
    public List<UserResource> all(String tenant, int max) {
        TenantUsers users = tenants.get(tenant);
        if (users == null) return List.of();
        synchronized (users) {
            if (users.byId.size() > max) throw UserStoreRules.tooMany(max);
            List<UserResource> all = new ArrayList<>(users.byId.size());
            for (UserResource u : users.inListOrder) all.add(copy(u));
            return all;
        }
    }

    @Override
    public Set<String> existing(String tenant, Collection<String> ids) {
        TenantUsers users = tenants.get(tenant);
        if (users == null) return Set.of();
        Set<String> found = new LinkedHashSet<>();
        synchronized (users) {
            for (String id : ids) {
                if (UserStoreRules.isPossibleId(id) && users.byId.containsKey(id)) found.add(id);
            }
        }
        return found;
    }

    /**
     * Stores what a JSON round trip yields, as the DynamoDB store does (it keeps the document as JSON text), so
     * both stores hand back equal trees: a LongNode 7 built in code comes back as an IntNode 7 from either.
     */
    private static UserResource copyIn(UserResource user) {
        try {
            return user.with((ObjectNode) Json.parse(Json.write(user.attributes())), user.meta());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree written in memory did not parse", e);
        }
    }

    private static UserResource copy(UserResource user) {
        return user.with(user.attributes().deepCopy(), user.meta());
    }
}
