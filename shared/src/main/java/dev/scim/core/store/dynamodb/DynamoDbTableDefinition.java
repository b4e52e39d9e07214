package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.DynamoDbKeys.*;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table as code, for emulators and ./scim local. template.yaml declares the same table for deployment; a
 * test in the cli module checks the two agree. Indexes are KEYS_ONLY: list pages and lookups fetch the items
 * by key (BatchGetItem, strongly consistent), so skipping ahead for offset paging reads only small keys.
 */
public final class DynamoDbTableDefinition {
    private DynamoDbTableDefinition() {}

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attr(PK), attr(SK), attr(GSI1_PK), attr(GSI1_SK),
                        attr(GSI2_PK), attr(GSI2_SK), attr(GSI3_PK), attr(GSI3_SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(index(GSI1, GSI1_PK, GSI1_SK), index(GSI2, GSI2_PK, GSI2_SK),
                        index(GSI3, GSI3_PK, GSI3_SK))
                .build();
    }

    /** Creates the table unless it exists, and waits until it is active. */
    public static void ensureTable(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.describeTable(b -> b.tableName(tableName));
            return;
        } catch (ResourceNotFoundException absent) {
            dynamo.createTable(createTableRequest(tableName));
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(List.of(key(pk, KeyType.HASH), key(sk, KeyType.RANGE)))
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                .build();
    }
}
