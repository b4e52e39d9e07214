package dev.scim.functions.bench;

import dev.scim.core.Config;
import dev.scim.core.aws.AwsClients;
import dev.scim.core.store.dynamodb.DynamoDbTableDefinition;

/** Creates the benchmark table on the endpoint in AWS_ENDPOINT_URL, outside any timed region. */
public final class BenchTable {
    public static void main(String[] args) {
        try (var dynamo = AwsClients.fromEnvironment(System.getenv()).dynamoDb()) {
            DynamoDbTableDefinition.ensureTable(dynamo, Config.fromEnvironment().tableName());
        }
    }
}
