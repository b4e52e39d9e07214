package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.DynamoDbKeys.*;
import static dev.scim.core.store.dynamodb.GroupItems.*;

import dev.scim.core.error.ScimException;
import dev.scim.core.model.GroupRef;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Page;
import dev.scim.core.store.GroupStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link GroupStore} on the single DynamoDB table ({@link DynamoDbKeys}). Groups and memberships are separate
 * items so a group of any size fits and a membership change never rewrites the group document. No operation
 * scans: every read is a key lookup or a Query on one partition.
 *
 * <p>Items (other products read them; change only with a migration):
 * <pre>
 * group       pk=T#t#G#{id}          sk=G        id, displayName, displayNameLower, externalId (if any),
 *                                                doc (S: the attributes object as JSON), version (N),
 *                                                created, lastModified (ISO-8601 instants),
 *                                                gsi1pk=T#t#GROUPS, gsi1sk={created, fixed width}#{id},
 *                                                gsi3pk=T#t#GEXT#{externalId}, gsi3sk={id} (when externalId is set)
 * name claim  pk=T#t#GN#{lower(name)} sk=GN      id
 * membership  pk=T#t#G#{groupId}     sk=M#{userId}  userId, display (if any),
 *                                                gsi2pk=T#t#MU#{userId}, gsi2sk=G#{groupId}
 * counters    pk=T#t                 sk=STATS    groups (N; users belongs to the user store)
 * </pre>
 *
 * <p>Consistency: creates, replaces and deletes of the group item, its name claim and the counter are one
 * {@code TransactWriteItems}. Membership changes are batched puts and deletes followed by an unconditional
 * {@code ADD version :one} on the group (RFC 7644 §3.5.2 PATCH of {@code members}): membership changes commute,
 * so concurrent PATCHes never lose each other. Reads of the table are strongly consistent; the indexes are
 * KEYS_ONLY and eventually consistent, so lookups through them fetch the items by key and re-check them.
 * Thread-safe: holds only the client and table name.
 */
public final class DynamoDbGroupStore implements GroupStore {
    private static final Map<String, String> NAMES = Map.of("#v", VERSION, "#lm", LAST_MODIFIED);
    private static final AttributeValue ONE = n(1);
    /** Keys per Query page in all(); DynamoDB also stops each page at 1 MB. */
    private static final int PAGE_LIMIT = 1000;
    private static final Comparator<GroupRef> GROUP_REF_ORDER = Comparator
            .comparing(GroupRef::display, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(GroupRef::value);

    private final DynamoDbClient dynamo;
    private final String table;
    private final GroupBatches batches;

    public DynamoDbGroupStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
        this.batches = new GroupBatches(dynamo, tableName);
    }

    @Override
    public void create(String tenant, GroupResource group, Collection<Member> members) {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(groupItem(tenant, group))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(claimItem(tenant, group.displayName(), group.id()))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(statsKey(tenant))
                        .updateExpression("ADD #g :one")
                        .expressionAttributeNames(Map.of("#g", GROUPS_COUNTER))
                        .expressionAttributeValues(Map.of(":one", ONE))).build())
                .build();
        try {
            batches.transact(request);
        } catch (TransactionCanceledException e) {
            if (GroupBatches.conditionFailed(e, 1)) throw nameTaken(group.displayName());
            if (GroupBatches.conditionFailed(e, 0)) {
                throw new ScimException.UniquenessConflict("A group with id " + group.id() + " already exists");
            }
            throw e;
        }
        batches.write(membershipPuts(tenant, group.id(), dedupe(members).values()));
    }

    @Override
    public Optional<GroupResource> get(String tenant, String id) {
        Map<String, AttributeValue> item =
                dynamo.getItem(b -> b.tableName(table).key(groupKey(tenant, id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toGroup(item));
    }

    @Override
    public Optional<GroupResource> findByDisplayName(String tenant, String displayName) {
        Map<String, AttributeValue> claim = dynamo.getItem(b -> b.tableName(table)
                .key(claimKey(tenant, displayName)).consistentRead(true).projectionExpression(ID)).item();
        if (claim == null || claim.isEmpty()) return Optional.empty();
        return get(tenant, claim.get(ID).s());
    }

    @Override
    public List<GroupResource> findByExternalId(String tenant, String externalId) {
        List<String> ids = new ArrayList<>();
        queryAll(QueryRequest.builder().tableName(table).indexName(GSI3)
                .keyConditionExpression("gsi3pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(groupExternalId(tenant, externalId))))
                .build(), key -> ids.add(key.get(GSI3_SK).s()));
        // The index lags the table: keep only groups whose stored externalId still matches.
        return fetchGroups(tenant, ids).stream()
                .filter(g -> g.externalId().filter(externalId::equals).isPresent())
                .toList();
    }

    @Override
    public void replace(String tenant, GroupResource group, long expectedVersion) {
        if (group.meta().version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the new version must be expectedVersion + 1");
        }
        Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(table)
                .key(groupKey(tenant, group.id())).consistentRead(true)
                .projectionExpression("#dn, #v")
                .expressionAttributeNames(Map.of("#dn", DISPLAY_NAME_LOWER, "#v", VERSION))).item();
        if (current == null || current.isEmpty()) throw notFound(group.id());
        if (Long.parseLong(current.get(VERSION).n()) != expectedVersion) {
            throw versionMismatch(group.id(), expectedVersion);
        }

        String condition = "attribute_exists(pk) AND #v = :expected";
        Map<String, AttributeValue> values = Map.of(":expected", n(expectedVersion));
        String oldLower = current.get(DISPLAY_NAME_LOWER).s();
        if (oldLower.equals(lower(group.displayName()))) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(groupItem(tenant, group)).conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#v", VERSION)).expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            } catch (ConditionalCheckFailedException e) {
                throw e.hasItem() && !e.item().isEmpty()
                        ? versionMismatch(group.id(), expectedVersion) : notFound(group.id());
            }
            return;
        }
        // A rename: the group, the release of the old claim and the new claim commit together or not at all.
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(groupItem(tenant, group))
                        .conditionExpression(condition).expressionAttributeNames(Map.of("#v", VERSION))
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(claimKey(tenant, oldLower))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(claimItem(tenant, group.displayName(), group.id()))
                        .conditionExpression("attribute_not_exists(pk)")).build())
                .build();
        try {
            batches.transact(request);
        } catch (TransactionCanceledException e) {
            if (GroupBatches.conditionFailed(e, 0)) {
                throw GroupBatches.oldItemReturned(e, 0)
                        ? versionMismatch(group.id(), expectedVersion) : notFound(group.id());
            }
            if (GroupBatches.conditionFailed(e, 2)) throw nameTaken(group.displayName());
            throw e;
        }
    }

    @Override
    public void delete(String tenant, String id) {
        // The claim to release is the one of the name read here; the condition on displayNameLower makes sure a
        // concurrent rename did not move it meanwhile (then the loop reads the new name and tries again).
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(table).key(groupKey(tenant, id))
                    .consistentRead(true).projectionExpression("#dn")
                    .expressionAttributeNames(Map.of("#dn", DISPLAY_NAME_LOWER))).item();
            if (current == null || current.isEmpty()) throw notFound(id);
            AttributeValue name = current.get(DISPLAY_NAME_LOWER);
            TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(groupKey(tenant, id))
                            .conditionExpression("#dn = :dn")
                            .expressionAttributeNames(Map.of("#dn", DISPLAY_NAME_LOWER))
                            .expressionAttributeValues(Map.of(":dn", name))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(claimKey(tenant, name.s())))
                            .build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(statsKey(tenant))
                            .updateExpression("ADD #g :minus")
                            .expressionAttributeNames(Map.of("#g", GROUPS_COUNTER))
                            .expressionAttributeValues(Map.of(":minus", n(-1)))).build())
                    .build();
            try {
                batches.transact(request);
                break;
            } catch (TransactionCanceledException e) {
                if (!GroupBatches.conditionFailed(e, 0)) throw e;
                if (attempt >= 3) {
                    throw new ScimException.VersionMismatch("Group " + id + " is being renamed concurrently; retry");
                }
            }
        }
        List<WriteRequest> deletes = new ArrayList<>();
        queryAll(membersQuery(tenant, id).projectionExpression("pk, sk").build(), item ->
                deletes.add(deleteRequest(item)));
        batches.write(deletes);
    }

    @Override
    public Page<GroupResource> list(String tenant, int startIndex, int count) {
        if (startIndex < 1) throw new IllegalArgumentException("startIndex is 1-based");
        long total = groupCount(tenant);
        if (count <= 0 || total == 0) return new Page<>(List.of(), total, startIndex);
        // Offset paging: walk past startIndex-1 keys of the KEYS_ONLY index (small reads), then fetch the page.
        Map<String, AttributeValue> start = null;
        int toSkip = startIndex - 1;
        while (toSkip > 0) {
            QueryResponse r = dynamo.query(listQuery(tenant, start).limit(toSkip).build());
            toSkip -= r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            // No LastEvaluatedKey: the index ended while skipping, so the page lies past the last group.
            if (start == null) return new Page<>(List.of(), total, startIndex);
        }
        List<String> ids = new ArrayList<>();
        int remaining = count;
        do {
            QueryResponse r = dynamo.query(listQuery(tenant, start).limit(remaining).build());
            r.items().forEach(k -> ids.add(idOfListKey(k)));
            remaining -= r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (remaining > 0 && start != null);
        List<GroupResource> items = fetchGroups(tenant, ids);
        return new Page<>(items, Math.max(total, items.size()), startIndex);
    }

    @Override
    public List<GroupResource> all(String tenant, int max) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            // max + 1 keys at most: one more than allowed is enough to know it is too many.
            int limit = (int) Math.min(PAGE_LIMIT, (long) max + 1 - ids.size());
            QueryResponse r = dynamo.query(listQuery(tenant, start).limit(limit).build());
            r.items().forEach(k -> ids.add(idOfListKey(k)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null && ids.size() <= max);
        if (ids.size() > max) throw tooMany(max);
        return fetchGroups(tenant, ids);
    }

    @Override
    public void changeMembers(String tenant, String groupId, Collection<Member> add, Collection<String> removeUserIds,
            Instant now) {
        Map<String, Member> adds = dedupe(add);
        Set<String> removes = new HashSet<>(removeUserIds);
        removes.removeAll(adds.keySet());
        if (adds.isEmpty() && removes.isEmpty()) {
            requireGroup(tenant, groupId);
            return;
        }
        // No read first: the conditional version bump below is what proves the group exists (it also catches a
        // delete that races the writes), and the service has just read the group. Saves a read on every PATCH.

        List<WriteRequest> writes = membershipPuts(tenant, groupId, adds.values());
        for (String userId : removes) {
            writes.add(deleteRequest(membershipKey(tenant, groupId, userId)));
        }
        batches.write(writes);
        if (!bumpVersion(tenant, groupId, now)) {
            // The group was deleted while we wrote: its sweep may have run before our puts, so undo them.
            List<WriteRequest> undo = new ArrayList<>();
            adds.keySet().forEach(userId -> undo.add(deleteRequest(membershipKey(tenant, groupId, userId))));
            batches.write(undo);
            throw notFound(groupId);
        }
    }

    @Override
    public List<Member> members(String tenant, String groupId, int limit) {
        List<Member> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        while (out.size() < limit) {
            QueryRequest.Builder q = membersQuery(tenant, groupId).limit(limit - out.size())
                    .projectionExpression("sk, #d").expressionAttributeNames(Map.of("#d", DISPLAY));
            if (start != null) q.exclusiveStartKey(start);
            QueryResponse r = dynamo.query(q.build());
            r.items().forEach(item -> out.add(toMember(item)));
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) break;
            start = r.lastEvaluatedKey();
        }
        return out;
    }

    @Override
    public Set<String> memberIds(String tenant, String groupId) {
        Set<String> ids = new HashSet<>();
        queryAll(membersQuery(tenant, groupId).projectionExpression("sk").build(), item -> ids.add(userIdOf(item)));
        return ids;
    }

    @Override
    public List<GroupRef> groupsOf(String tenant, String userId) {
        List<String> groupIds = membershipsOf(tenant, userId);
        List<Map<String, AttributeValue>> keys = groupIds.stream().map(id -> groupKey(tenant, id)).toList();
        Map<String, Map<String, AttributeValue>> found =
                batches.get(keys, "pk, #id, #dn", Map.of("#id", ID, "#dn", DISPLAY_NAME));
        List<GroupRef> refs = new ArrayList<>();
        for (Map<String, AttributeValue> item : found.values()) {
            AttributeValue display = item.get(DISPLAY_NAME);
            refs.add(new GroupRef(item.get(ID).s(), display == null ? null : display.s()));
        }
        refs.sort(GROUP_REF_ORDER);
        return refs;
    }

    @Override
    public void removeUserFromAllGroups(String tenant, String userId, Instant now) {
        List<String> groupIds = membershipsOf(tenant, userId);
        List<WriteRequest> deletes = new ArrayList<>();
        groupIds.forEach(groupId -> deletes.add(deleteRequest(membershipKey(tenant, groupId, userId))));
        batches.write(deletes);
        // A group deleted meanwhile has nothing left to bump.
        groupIds.forEach(groupId -> bumpVersion(tenant, groupId, now));
    }

    /** One bump of version and lastModified; false when the group does not exist. */
    private boolean bumpVersion(String tenant, String groupId, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(groupKey(tenant, groupId))
                    .updateExpression("ADD #v :one SET #lm = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":one", ONE, ":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void requireGroup(String tenant, String groupId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(groupKey(tenant, groupId))
                .consistentRead(true).projectionExpression("pk")).item();
        if (item == null || item.isEmpty()) throw notFound(groupId);
    }

    private List<String> membershipsOf(String tenant, String userId) {
        List<String> groupIds = new ArrayList<>();
        queryAll(QueryRequest.builder().tableName(table).indexName(GSI2)
                .keyConditionExpression("gsi2pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(userMemberships(tenant, userId))))
                .build(), key -> groupIds.add(groupIdOfMembership(key)));
        return groupIds;
    }

    /** The groups with these ids in the given order, skipping any that no longer exist. */
    private List<GroupResource> fetchGroups(String tenant, List<String> ids) {
        Map<String, Map<String, AttributeValue>> found =
                batches.get(ids.stream().map(id -> groupKey(tenant, id)).toList(), null, null);
        List<GroupResource> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Map<String, AttributeValue> item = found.get(group(tenant, id));
            if (item != null) out.add(toGroup(item));
        }
        return out;
    }

    private long groupCount(String tenant) {
        Map<String, AttributeValue> stats = dynamo.getItem(b -> b.tableName(table).key(statsKey(tenant))
                .consistentRead(true).projectionExpression("#g")
                .expressionAttributeNames(Map.of("#g", GROUPS_COUNTER))).item();
        AttributeValue groups = stats == null ? null : stats.get(GROUPS_COUNTER);
        return groups == null ? 0 : Math.max(0, Long.parseLong(groups.n()));
    }

    private QueryRequest.Builder membersQuery(String tenant, String groupId) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
                .expressionAttributeValues(Map.of(":pk", s(group(tenant, groupId)), ":m", s(MEMBER_SK_PREFIX)));
    }

    private QueryRequest.Builder listQuery(String tenant, Map<String, AttributeValue> start) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(groups(tenant))));
        if (start != null) q.exclusiveStartKey(start);
        return q;
    }

    private static String idOfListKey(Map<String, AttributeValue> key) {
        String sortKey = key.get(GSI1_SK).s(); // {created}#{id}; the fixed-width instant has no '#'
        return sortKey.substring(sortKey.indexOf('#') + 1);
    }

    /** Runs a query to its end, page by page, handing every item to the sink. */
    private void queryAll(QueryRequest first, Consumer<Map<String, AttributeValue>> sink) {
        QueryRequest request = first;
        while (true) {
            QueryResponse r = dynamo.query(request);
            r.items().forEach(sink);
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) return;
            request = request.toBuilder().exclusiveStartKey(r.lastEvaluatedKey()).build();
        }
    }

    /** Last one wins when a request names the same user twice, so each membership is written once. */
    private static Map<String, Member> dedupe(Collection<Member> members) {
        Map<String, Member> byId = new LinkedHashMap<>();
        for (Member m : members) byId.put(m.value(), m);
        return byId;
    }

    private List<WriteRequest> membershipPuts(String tenant, String groupId, Collection<Member> members) {
        List<WriteRequest> puts = new ArrayList<>();
        for (Member m : members) {
            puts.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(membershipItem(tenant, groupId, m)).build()).build());
        }
        return puts;
    }

    private static WriteRequest deleteRequest(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    static ScimException.NotFound notFound(String id) {
        return new ScimException.NotFound("Group " + id + " not found");
    }

    static ScimException.UniquenessConflict nameTaken(String displayName) {
        return new ScimException.UniquenessConflict(
                "displayName '" + displayName + "' is already taken in this tenant");
    }

    static ScimException.VersionMismatch versionMismatch(String id, long expected) {
        return new ScimException.VersionMismatch("Group " + id + " is no longer at version " + expected
                + "; read it again and retry");
    }

    static ScimException.TooMany tooMany(int max) {
        return new ScimException.TooMany("The filter would have to examine more than " + max
                + " groups; filter by displayName or externalId with eq instead");
    }
}
