package dev.scim.core.wire;

import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.store.dynamodb.DynamoDbGroupStore;
import dev.scim.core.store.dynamodb.DynamoDbUserStore;
import dev.scim.core.testing.Emulator;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The same wire contract on DynamoDB (moto), a fresh table per test so counts start at zero. */
class ScimV1EndpointsDynamoDbTest extends ScimV1EndpointsContract {
    private static final DynamoDbClient DYNAMO = Emulator.dynamoDb();
    private String table;

    @Override
    @BeforeEach
    void setUp() {
        table = Emulator.newTable(DYNAMO);
        super.setUp();
    }

    @Override
    UserStore users() { return new DynamoDbUserStore(DYNAMO, table); }

    @Override
    GroupStore groups() { return new DynamoDbGroupStore(DYNAMO, table); }
}
