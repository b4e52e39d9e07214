package dev.scim.core.wire;

import dev.scim.core.json.Json;
import dev.scim.core.model.Meta;
import dev.scim.core.model.UserResource;
import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.store.dynamodb.DynamoDbGroupStore;
import dev.scim.core.store.dynamodb.DynamoDbSeed;
import dev.scim.core.store.dynamodb.DynamoDbUserStore;
import dev.scim.core.testing.Emulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * 2,000 members on DynamoDB (the emulator), every member added through PATCHes of 100. The users are seeded in
 * the store's item format: moto copies its table on every transaction, so 2,000 creates would take minutes there.
 */
class LargeGroupDynamoDbTest extends LargeGroupContract {
    private static final DynamoDbClient DYNAMO = Emulator.dynamoDb();
    private final String table = Emulator.newTable(DYNAMO);

    @Override
    UserStore users() { return new DynamoDbUserStore(DYNAMO, table); }

    @Override
    GroupStore groups() { return new DynamoDbGroupStore(DYNAMO, table); }

    @Override
    int members() { return 2_000; }

    @Override
    List<String> createUsers(ScimOperations api, int n) {
        List<UserResource> users = new ArrayList<>();
        Instant t0 = Instant.now();
        for (int i = 0; i < n; i++) {
            users.add(new UserResource(UUID.randomUUID().toString(),
                    Json.object().put("userName", "big" + i + "@acme.example").put("active", true),
                    Meta.createdAt(t0.plusMillis(i))));
        }
        DynamoDbSeed.users(DYNAMO, table, "t1", users);
        return users.stream().map(UserResource::id).toList();
    }
}
