package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.DynamoDbKeys.PK;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The batched and transactional calls of the group store, with DynamoDB's partial-failure rules handled in one
 * place: BatchWriteItem takes 25 requests and BatchGetItem 100 keys per call, and both may hand back unprocessed
 * work under throttling, which must be retried with backoff rather than dropped (a dropped membership write is
 * a lost write). Thread-safe: holds only the client and table name.
 */
final class GroupBatches {
    static final int WRITE_BATCH = 25;
    static final int GET_BATCH = 100;
    private static final int MAX_ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MILLIS = 20;

    private final DynamoDbClient dynamo;
    private final String table;

    GroupBatches(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes every request, 25 per BatchWriteItem call, retrying unprocessed ones. */
    void write(List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += WRITE_BATCH) {
            List<WriteRequest> pending = requests.subList(from, Math.min(from + WRITE_BATCH, requests.size()));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size()
                            + " writes unprocessed after " + MAX_ATTEMPTS + " attempts");
                }
                if (attempt > 1) backoff(attempt);
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
                pending = response.unprocessedItems().getOrDefault(table, List.of());
            }
        }
    }

    /**
     * Strongly consistent reads of the given keys, 100 per BatchGetItem call, retrying unprocessed keys. Returns
     * the items found keyed by their {@code pk} (every key passed here has a distinct pk); absent items are absent.
     */
    Map<String, Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys, String projection,
            Map<String, String> names) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += GET_BATCH) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(from + GET_BATCH, keys.size()));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size()
                            + " reads unprocessed after " + MAX_ATTEMPTS + " attempts");
                }
                if (attempt > 1) backoff(attempt);
                KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(pending).consistentRead(true);
                if (projection != null) request.projectionExpression(projection).expressionAttributeNames(names);
                BatchGetItemResponse response =
                        dynamo.batchGetItem(b -> b.requestItems(Map.of(table, request.build())));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    found.put(item.get(PK).s(), item);
                }
                KeysAndAttributes left = response.unprocessedKeys().get(table);
                pending = left == null ? List.of() : new ArrayList<>(left.keys());
            }
        }
        return found;
    }

    /**
     * Runs a transaction, retrying only when DynamoDB cancelled it for a conflict with another transaction on the
     * same item (the tenant's STATS counter is shared by every create and delete). A cancellation carrying a failed
     * condition is the caller's to map, so it is rethrown at once.
     */
    void transact(TransactWriteItemsRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(request);
                return;
            } catch (TransactionCanceledException e) {
                if (attempt >= MAX_ATTEMPTS || !onlyConflicts(e)) throw e;
                backoff(attempt + 1);
            }
        }
    }

    /** The code of the cancellation reason at {@code index}, or "None". */
    static String reason(TransactionCanceledException e, int index) {
        if (!e.hasCancellationReasons() || e.cancellationReasons().size() <= index) return "None";
        String code = e.cancellationReasons().get(index).code();
        return code == null ? "None" : code;
    }

    /** Whether the transaction item at {@code index} failed its condition. */
    static boolean conditionFailed(TransactionCanceledException e, int index) {
        return "ConditionalCheckFailed".equals(reason(e, index));
    }

    /** Whether the failed item at {@code index} exists (ALL_OLD returned it): a stale version, not a missing item. */
    static boolean oldItemReturned(TransactionCanceledException e, int index) {
        CancellationReason r = e.cancellationReasons().get(index);
        return r.hasItem() && !r.item().isEmpty();
    }

    private static boolean onlyConflicts(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) return false;
        boolean conflict = false;
        for (CancellationReason r : e.cancellationReasons()) {
            String code = r.code() == null ? "None" : r.code();
            if (code.equals("TransactionConflict")) conflict = true;
            else if (!code.equals("None")) return false;
        }
        return conflict;
    }

    private static void backoff(int attempt) {
        long millis = Math.min(1000, FIRST_BACKOFF_MILLIS << (attempt - 2));
        try {
            Thread.sleep(millis / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying DynamoDB work", e);
        }
    }
}
