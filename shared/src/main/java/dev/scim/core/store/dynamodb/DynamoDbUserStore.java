package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.UserItems.ID;
import static dev.scim.core.store.dynamodb.UserItems.USERS_COUNTER;
import static dev.scim.core.store.dynamodb.UserItems.USER_NAME_LOWER;
import static dev.scim.core.store.dynamodb.UserItems.VERSION;
import static dev.scim.core.store.dynamodb.UserItems.n;
import static dev.scim.core.store.dynamodb.UserItems.s;

import dev.scim.core.error.ScimException;
import dev.scim.core.model.Page;
import dev.scim.core.model.UserResource;
import dev.scim.core.store.UserStore;
import dev.scim.core.store.UserStoreRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * {@link UserStore} on the service's single DynamoDB table (layout in {@link DynamoDbKeys}).
 *
 * <p>Items written, a published format (the vendor's product reads them):
 * <pre>
 * user    pk=T#t#U#{id}  sk=U   id, userName (as sent), userNameLower, externalId (if any), active (BOOL),
 *                               doc (S: the attributes object as JSON), version (N), created, lastModified
 *                               (ISO-8601), gsi1pk=T#t#USERS, gsi1sk={created}#{id},
 *                               gsi3pk=T#t#UEXT#{externalId}, gsi3sk={id} (only with an externalId)
 * claim   pk=T#t#UN#{lower(userName)}  sk=UN  id   (reserves the name ignoring case, RFC 7643 §4.1.1)
 * counter pk=T#t  sk=STATS  users (N, ADD in the same transaction as create and delete)
 * </pre>
 *
 * <p>Calls per operation (no Scan anywhere; measured in DynamoDbUserStoreCostTest): create 1 TransactWriteItems;
 * get 1 GetItem; findByUserName 2 GetItem (claim, then user); replace 1 conditional PutItem, or on a rename
 * PutItem + GetItem + TransactWriteItems; delete GetItem + TransactWriteItems; findByExternalId 1 Query on gsi3
 * + 1 BatchGetItem per 100 matches; existing 1 BatchGetItem per 100 ids.
 *
 * <p>{@code list(startIndex, count)} costs a GetItem on the counter (its {@code users} is totalResults, exact
 * because create and delete change it atomically; that alone answers count 0 or a startIndex past the end), then
 * {@code Select=COUNT} Queries on gsi1 to skip {@code startIndex-1} entries, one key Query for the page and one
 * BatchGetItem (strongly consistent) per 100 users: page 1 is 3 calls, any later page 4 while the skipped keys
 * fit one 1 MB Query page. Skipping is linear in startIndex, but on the KEYS_ONLY index each entry is ~150 bytes,
 * so thousands of entries are skipped per call for a fraction of an RCU each. {@code all(max)} checks the
 * counter first, then reads at most {@code max+1} keys. The indexes are eventually consistent: a user created a
 * moment ago may be missing from a list page for a moment; the items themselves are read strongly consistent.
 *
 * <p>Uniqueness of userName ignoring case rests on the claim item's {@code attribute_not_exists(pk)} inside the
 * same transaction as the user: DynamoDB transactions are serializable, so two concurrent creates cannot both
 * see the claim absent. Cancellations caused only by {@code TransactionConflict} (another transaction on the
 * same claim or counter item) or throttling are retried with jittered backoff. Every key begins with the tenant
 * and ids containing {@code #} are refused, so no argument reaches another tenant's items (this relies on
 * tenant names never containing {@code #}). Thread-safe: the store holds no state besides the SDK client.
 */
public final class DynamoDbUserStore implements UserStore {
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_ATTEMPTS = 8;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Cancellation reasons that say "try again later", not "your conditions do not hold". */
    private static final Set<String> TRANSIENT = Set.of("TransactionConflict", "ThrottlingError");

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoDbUserStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void create(String tenant, UserResource user) {
        UserStoreRules.checkNew(user);
        TransactWriteItem putUser = TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(UserItems.user(tenant, user))
                .conditionExpression("attribute_not_exists(pk)")).build();
        TransactWriteItem putClaim = TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(UserItems.claim(tenant, user.userName(), user.id()))
                .conditionExpression("attribute_not_exists(pk)")).build();
        transact(List.of(putUser, putClaim, countUsers(tenant, 1))).ifPresent(cancelled -> {
            if (cancelled.failed(1)) throw UserStoreRules.nameTaken(user.userName());
            if (cancelled.failed(0)) throw UserStoreRules.idTaken(user.id());
            throw cancelled.cause();
        });
    }

    @Override
    public Optional<UserResource> get(String tenant, String id) {
        if (!UserStoreRules.isPossibleId(id)) return Optional.empty();
        var item = dynamo.getItem(g -> g.tableName(tableName).key(UserItems.userKey(tenant, id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(UserItems.toUser(item));
    }

    @Override
    public Optional<UserResource> findByUserName(String tenant, String userName) {
        String lower = DynamoDbKeys.lower(userName);
        // A rename between the two reads moves the claim; reading again finds where it went.
        for (int attempt = 0; attempt < 3; attempt++) {
            var claim = dynamo.getItem(g -> g.tableName(tableName).key(UserItems.claimKey(tenant, userName))
                    .consistentRead(true)).item();
            if (claim == null || claim.isEmpty()) return Optional.empty();
            Optional<UserResource> user = get(tenant, claim.get(ID).s());
            if (user.isEmpty() || DynamoDbKeys.lower(user.get().userName()).equals(lower)) return user;
        }
        return Optional.empty();
    }

    @Override
    public List<UserResource> findByExternalId(String tenant, String externalId) {
        String partition = DynamoDbKeys.userExternalId(tenant, externalId);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(query(DynamoDbKeys.GSI3, DynamoDbKeys.GSI3_PK, partition, start)
                    .projectionExpression("pk").build());
            page.items().forEach(k -> keys.add(UserItems.userKeyOf(k)));
            start = next(page);
        } while (start != null);
        // The index is eventually consistent: keep only users that still carry this externalId.
        return batchGetUsers(keys).stream()
                .filter(u -> u.externalId().filter(externalId::equals).isPresent())
                .sorted(UserStoreRules.LIST_ORDER)
                .toList();
    }

    @Override
    public void replace(String tenant, UserResource user, long expectedVersion) {
        UserStoreRules.checkReplacement(user, expectedVersion);
        String newLower = DynamoDbKeys.lower(user.userName());
        Map<String, AttributeValue> item = UserItems.user(tenant, user);
        if (putUnlessRenamed(item, expectedVersion, newLower)) return;
        Map<String, AttributeValue> current = readVersionAndName(tenant, user.id())
                .orElseThrow(() -> UserStoreRules.notFound(user.id()));
        long currentVersion = UserItems.number(current, VERSION);
        String oldLower = UserItems.string(current, USER_NAME_LOWER);
        if (currentVersion != expectedVersion || newLower.equals(oldLower)) {
            throw UserStoreRules.versionMismatch(user.id(), currentVersion, expectedVersion);
        }
        TransactWriteItem putUser = TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                .conditionExpression("#v = :expected AND #lower = :oldLower")
                .expressionAttributeNames(Map.of("#v", VERSION, "#lower", USER_NAME_LOWER))
                .expressionAttributeValues(Map.of(":expected", n(expectedVersion), ":oldLower", s(oldLower))))
                .build();
        TransactWriteItem releaseOldClaim = TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                .key(UserItems.claimKey(tenant, oldLower))
                .conditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", ID))
                .expressionAttributeValues(Map.of(":id", s(user.id())))).build();
        TransactWriteItem takeNewClaim = TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(UserItems.claim(tenant, user.userName(), user.id()))
                .conditionExpression("attribute_not_exists(pk)")).build();
        transact(List.of(putUser, releaseOldClaim, takeNewClaim)).ifPresent(cancelled -> {
            if (cancelled.failed(0)) {
                var now = readVersionAndName(tenant, user.id());
                if (now.isEmpty()) throw UserStoreRules.notFound(user.id());
                throw UserStoreRules.versionMismatch(user.id(), UserItems.number(now.get(), VERSION),
                        expectedVersion);
            }
            if (cancelled.failed(2)) throw UserStoreRules.nameTaken(user.userName());
            throw cancelled.cause(); // the old claim is not this user's: a broken invariant, not a client error
        });
    }

    /**
     * Without a rename the claim stays put, so one conditional write is the whole change. False when the user is
     * absent, at another version or renamed; a write that met a concurrent transaction on the item is retried.
     */
    private boolean putUnlessRenamed(Map<String, AttributeValue> item, long expectedVersion, String lower) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.putItem(p -> p.tableName(tableName).item(item)
                        .conditionExpression("#v = :expected AND #lower = :lower")
                        .expressionAttributeNames(Map.of("#v", VERSION, "#lower", USER_NAME_LOWER))
                        .expressionAttributeValues(Map.of(":expected", n(expectedVersion), ":lower", s(lower))));
                return true;
            } catch (ConditionalCheckFailedException notAsExpected) {
                return false;
            } catch (TransactionConflictException busy) {
                if (attempt == MAX_ATTEMPTS) throw busy;
                backoff(attempt);
            }
        }
    }

    @Override
    public void delete(String tenant, String id) {
        if (!UserStoreRules.isPossibleId(id)) throw UserStoreRules.notFound(id);
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> current = readVersionAndName(tenant, id)
                    .orElseThrow(() -> UserStoreRules.notFound(id));
            String lower = UserItems.string(current, USER_NAME_LOWER);
            TransactWriteItem deleteUser = TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                    .key(UserItems.userKey(tenant, id))
                    .conditionExpression("#lower = :lower")
                    .expressionAttributeNames(Map.of("#lower", USER_NAME_LOWER))
                    .expressionAttributeValues(Map.of(":lower", s(lower)))).build();
            TransactWriteItem deleteClaim = TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                    .key(UserItems.claimKey(tenant, lower))
                    .conditionExpression("#id = :id")
                    .expressionAttributeNames(Map.of("#id", ID))
                    .expressionAttributeValues(Map.of(":id", s(id)))).build();
            Optional<Cancelled> outcome = transact(List.of(deleteUser, deleteClaim, countUsers(tenant, -1)));
            if (outcome.isEmpty()) return;
            Cancelled cancelled = outcome.get();
            // The user was deleted or renamed between the read and the write: read again (absent: NotFound).
            if (!cancelled.failed(0) || attempt == 3) throw cancelled.cause();
        }
    }

    @Override
    public Page<UserResource> list(String tenant, int startIndex, int count) {
        int start = Math.max(startIndex, 1);
        int size = Math.max(count, 0);
        long total = userCount(tenant);
        long skip = start - 1L;
        if (size == 0 || skip >= total) return new Page<>(List.of(), total, start);
        String partition = DynamoDbKeys.users(tenant);
        Map<String, AttributeValue> cursor = null;
        // Skipping reads only the count of index entries, not the entries themselves.
        while (skip > 0) {
            QueryResponse page = dynamo.query(query(DynamoDbKeys.GSI1, DynamoDbKeys.GSI1_PK, partition, cursor)
                    .select(Select.COUNT).limit((int) Math.min(skip, Integer.MAX_VALUE)).build());
            skip -= page.count();
            cursor = next(page);
            if (cursor == null && skip > 0) return new Page<>(List.of(), total, start);
        }
        List<Map<String, AttributeValue>> keys = readKeys(partition, cursor, size);
        List<UserResource> users = batchGetUsers(keys);
        return new Page<>(users, Math.max(total, start - 1L + users.size()), start);
    }

    @Override
    public List<UserResource> all(String tenant, int max) {
        if (userCount(tenant) > max) throw UserStoreRules.tooMany(max);
        // One key beyond the limit tells "exactly max" from "more than max".
        int probe = max == Integer.MAX_VALUE ? max : max + 1;
        List<Map<String, AttributeValue>> keys = readKeys(DynamoDbKeys.users(tenant), null, probe);
        if (keys.size() > max) throw UserStoreRules.tooMany(max);
        return batchGetUsers(keys);
    }

    @Override
    public Set<String> existing(String tenant, Collection<String> ids) {
        Map<String, String> idByPk = new LinkedHashMap<>();
        for (String id : ids) {
            if (UserStoreRules.isPossibleId(id)) idByPk.put(DynamoDbKeys.user(tenant, id), id);
        }
        List<Map<String, AttributeValue>> keys = idByPk.keySet().stream()
                .map(pk -> Map.of(DynamoDbKeys.PK, s(pk), DynamoDbKeys.SK, s(DynamoDbKeys.USER_SK))).toList();
        Set<String> found = new LinkedHashSet<>();
        for (Map<String, AttributeValue> item : batchGet(keys, "pk")) found.add(idByPk.get(item.get("pk").s()));
        return found;
    }

    // ---- reads

    private Optional<Map<String, AttributeValue>> readVersionAndName(String tenant, String id) {
        var item = dynamo.getItem(g -> g.tableName(tableName).key(UserItems.userKey(tenant, id))
                .consistentRead(true).projectionExpression("#v, #lower")
                .expressionAttributeNames(Map.of("#v", VERSION, "#lower", USER_NAME_LOWER))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The tenant's user count from the counters item: exact, since create and delete change it atomically. */
    private long userCount(String tenant) {
        var item = dynamo.getItem(g -> g.tableName(tableName).key(UserItems.statsKey(tenant))
                .consistentRead(true).projectionExpression("#u")
                .expressionAttributeNames(Map.of("#u", USERS_COUNTER))).item();
        return item == null ? 0 : Math.max(0, UserItems.number(item, USERS_COUNTER));
    }

    /** Up to {@code limit} user keys from gsi1 in list order, starting after {@code cursor}. */
    private List<Map<String, AttributeValue>> readKeys(String partition, Map<String, AttributeValue> cursor,
            int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = cursor;
        while (keys.size() < limit) {
            QueryResponse page = dynamo.query(query(DynamoDbKeys.GSI1, DynamoDbKeys.GSI1_PK, partition, start)
                    .projectionExpression("pk").limit(limit - keys.size()).build());
            page.items().forEach(k -> keys.add(UserItems.userKeyOf(k)));
            start = next(page);
            if (start == null) break;
        }
        return keys;
    }

    private QueryRequest.Builder query(String index, String hashAttribute, String partition,
            Map<String, AttributeValue> start) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(tableName).indexName(index)
                .keyConditionExpression("#h = :h")
                .expressionAttributeNames(Map.of("#h", hashAttribute))
                .expressionAttributeValues(Map.of(":h", s(partition)));
        if (start != null) q.exclusiveStartKey(start);
        return q;
    }

    private static Map<String, AttributeValue> next(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    }

    /** The users behind {@code keys}, in the keys' order; users deleted since the keys were read are left out. */
    private List<UserResource> batchGetUsers(List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> byPk = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGet(keys, null)) byPk.put(item.get("pk").s(), item);
        List<UserResource> users = new ArrayList<>(keys.size());
        for (Map<String, AttributeValue> key : keys) {
            var item = byPk.get(key.get("pk").s());
            if (item != null) users.add(UserItems.toUser(item));
        }
        return users;
    }

    /**
     * Strongly consistent BatchGetItem in chunks of 100 keys, retrying unprocessed keys with jittered
     * exponential backoff as AWS advises; the answer is unordered.
     */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT));
            KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(chunk).consistentRead(true);
            if (projection != null) request.projectionExpression(projection);
            Map<String, KeysAndAttributes> pending = Map.of(tableName, request.build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == MAX_ATTEMPTS) {
                    throw SdkClientException.create("BatchGetItem left keys unprocessed after " + MAX_ATTEMPTS
                            + " attempts; DynamoDB is throttling this table");
                }
                if (attempt > 0) backoff(attempt);
                final Map<String, KeysAndAttributes> ask = pending;
                BatchGetItemResponse answer = dynamo.batchGetItem(b -> b.requestItems(ask));
                items.addAll(answer.responses().getOrDefault(tableName, List.of()));
                pending = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    // ---- writes

    private TransactWriteItem countUsers(String tenant, int delta) {
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(UserItems.statsKey(tenant))
                .updateExpression("ADD #u :d")
                .expressionAttributeNames(Map.of("#u", USERS_COUNTER))
                .expressionAttributeValues(Map.of(":d", n(delta)))).build();
    }

    /** A transaction DynamoDB cancelled because conditions failed; {@code failed(i)} says whose. */
    private record Cancelled(List<Boolean> conditionFailed, TransactionCanceledException cause) {
        boolean failed(int position) {
            return position < conditionFailed.size() && conditionFailed.get(position);
        }
    }

    /**
     * Runs one transaction: empty when it committed, else which items' conditions failed (by position).
     * Cancellations caused only by conflicts with concurrent transactions on the same items (the claim or the
     * counter) or by throttling are retried with jittered backoff, up to 8 attempts; any other cancellation or
     * SDK error propagates.
     */
    private Optional<Cancelled> transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return Optional.empty();
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons() : List.of();
                List<Boolean> failed = reasons.stream().map(r -> CONDITION_FAILED.equals(r.code())).toList();
                if (failed.contains(true)) return Optional.of(new Cancelled(failed, cancelled));
                boolean retryable = reasons.stream().anyMatch(r -> isTransient(r.code()))
                        && reasons.stream().allMatch(r -> r.code() == null || "None".equals(r.code())
                                || isTransient(r.code()));
                if (!retryable || attempt == MAX_ATTEMPTS) throw cancelled;
                backoff(attempt);
            }
        }
    }

    private static boolean isTransient(String code) {
        return code != null && TRANSIENT.contains(code);
    }

    private static void backoff(int attempt) {
        long ceiling = Math.min(1_000, 20L << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.create("interrupted while backing off from DynamoDB", e);
        }
    }
}
