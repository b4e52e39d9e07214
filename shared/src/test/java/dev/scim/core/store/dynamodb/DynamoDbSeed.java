package dev.scim.core.store.dynamodb;

import dev.scim.core.model.UserResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes many users straight in the store's own item format (BatchWriteItem, 25 items a call), for tests that
 * need a big tenant: moto copies its whole table on every transaction, so creating thousands of users one
 * transaction at a time takes minutes there (DynamoDB itself does not).
 */
public final class DynamoDbSeed {
    private DynamoDbSeed() {}

    /** The users with their userName claims, and the tenant's user counter set to their number. */
    public static void users(DynamoDbClient dynamo, String table, String tenant, List<UserResource> users) {
        List<WriteRequest> writes = new ArrayList<>();
        for (UserResource u : users) {
            writes.add(put(UserItems.user(tenant, u)));
            writes.add(put(UserItems.claim(tenant, u.userName(), u.id())));
        }
        write(dynamo, table, writes);
        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                DynamoDbKeys.PK, AttributeValue.fromS(DynamoDbKeys.stats(tenant)),
                DynamoDbKeys.SK, AttributeValue.fromS(DynamoDbKeys.STATS_SK),
                "users", AttributeValue.fromN(Integer.toString(users.size())))));
    }

    /** Membership items of one group, straight in the store's format. */
    public static void memberships(DynamoDbClient dynamo, String table, String tenant, String groupId,
            List<dev.scim.core.model.Member> members) {
        List<WriteRequest> writes = new ArrayList<>();
        for (var m : members) writes.add(put(GroupItems.membershipItem(tenant, groupId, m)));
        write(dynamo, table, writes);
    }

    private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + 25));
            var answer = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, chunk)));
            if (!answer.unprocessedItems().isEmpty()) throw new IllegalStateException("emulator left items unwritten");
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
