package dev.scim.core.store;

import dev.scim.core.store.dynamodb.DynamoDbGroupStore;
import dev.scim.core.testing.Emulator;
import org.junit.jupiter.api.BeforeAll;

/** The group store contract against DynamoDB on the emulator, through the real SDK; one fresh table per class. */
class DynamoDbGroupStoreTest extends GroupStoreContract {
    private static String table;

    @BeforeAll
    static void createTable() { table = Emulator.newTable(Emulator.dynamoDb()); }

    @Override
    protected GroupStore newStore() { return new DynamoDbGroupStore(Emulator.dynamoDb(), table); }

    @Override
    protected int largeGroupSize() { return 2_000; }
}
