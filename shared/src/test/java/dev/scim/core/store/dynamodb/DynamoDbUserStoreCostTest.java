package dev.scim.core.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.model.Meta;
import dev.scim.core.model.Page;
import dev.scim.core.model.UserResource;
import dev.scim.core.store.UserStore;
import dev.scim.core.testing.DynamoDbCallCounter;
import dev.scim.core.testing.Emulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Measures and pins how many DynamoDB calls each user store operation costs (printed for the design notes).
 * The 300 users that make a third page of 100 are seeded with BatchWriteItem in the store's own item format
 * ({@link UserItems}): through 300 transactions moto would spend most of a minute copying its table.
 */
class DynamoDbUserStoreCostTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void operations_shouldCostTheDocumentedNumberOfCalls() {
        DynamoDbClient dynamo = Emulator.dynamoDb();
        String table = Emulator.newTable(dynamo);
        String tenant = "tenant-" + UUID.randomUUID();
        seed(dynamo, table, tenant, 300);
        var counter = new DynamoDbCallCounter();
        UserStore store = new DynamoDbUserStore(counter.client(), table);
        UserResource u = user("measured", T0.plusSeconds(600), 1);
        Map<String, Map<String, Integer>> figures = new LinkedHashMap<>();
        List<Page<UserResource>> pages = new ArrayList<>();

        figures.put("create", measure(counter, () -> store.create(tenant, u)));
        figures.put("get", measure(counter, () -> store.get(tenant, u.id())));
        figures.put("findByUserName", measure(counter, () -> store.findByUserName(tenant, "MEASURED")));
        figures.put("replace", measure(counter, () -> store.replace(tenant, rename(u, "Measured", 2), 1)));
        figures.put("replace (rename)", measure(counter, () -> store.replace(tenant, rename(u, "other", 3), 2)));
        figures.put("list page 1 of 100", measure(counter, () -> pages.add(store.list(tenant, 1, 100))));
        figures.put("list page 3 of 100", measure(counter, () -> pages.add(store.list(tenant, 201, 100))));
        figures.put("findByExternalId", measure(counter, () -> store.findByExternalId(tenant, "ext-7")));
        figures.put("all (max 1000)", measure(counter, () -> store.all(tenant, 1000)));
        figures.put("delete", measure(counter, () -> store.delete(tenant, u.id())));
        figures.forEach((op, calls) -> System.out.println("DynamoDB calls for " + op + ": " + calls));

        assertThat(figures).containsExactly(
                Map.entry("create", Map.of("TransactWriteItems", 1)),
                Map.entry("get", Map.of("GetItem", 1)),
                Map.entry("findByUserName", Map.of("GetItem", 2)),
                Map.entry("replace", Map.of("PutItem", 1)),
                Map.entry("replace (rename)", Map.of("PutItem", 1, "GetItem", 1, "TransactWriteItems", 1)),
                Map.entry("list page 1 of 100", Map.of("GetItem", 1, "Query", 1, "BatchGetItem", 1)),
                Map.entry("list page 3 of 100", Map.of("GetItem", 1, "Query", 2, "BatchGetItem", 1)),
                Map.entry("findByExternalId", Map.of("Query", 1, "BatchGetItem", 1)),
                Map.entry("all (max 1000)", Map.of("GetItem", 1, "Query", 1, "BatchGetItem", 4)),
                Map.entry("delete", Map.of("GetItem", 1, "TransactWriteItems", 1)));
        assertThat(pages.get(0).items()).extracting(UserResource::userName)
                .startsWith("bulk000", "bulk001").endsWith("bulk099").hasSize(100);
        assertThat(pages.get(1).items()).extracting(UserResource::userName)
                .startsWith("bulk200").endsWith("bulk299").hasSize(100);
        assertThat(pages.get(1).totalResults()).isEqualTo(301);
    }

    /** {@code n} users named bulk000… with claims and the tenant's counter, without 300 transactions. */
    private static void seed(DynamoDbClient dynamo, String table, String tenant, int n) {
        List<UserResource> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode a = Json.object().put("userName", "bulk%03d".formatted(i)).put("externalId", "ext-" + i);
            users.add(new UserResource(UUID.randomUUID().toString(), a, Meta.createdAt(T0.plusMillis(i))));
        }
        DynamoDbSeed.users(dynamo, table, tenant, users);
    }

    private static UserResource user(String userName, Instant created, long version) {
        ObjectNode a = Json.object().put("userName", userName);
        return new UserResource(UUID.randomUUID().toString(), a, new Meta(created, created, version));
    }

    private static UserResource rename(UserResource u, String userName, long version) {
        ObjectNode a = u.attributes().deepCopy().put("userName", userName);
        return u.with(a, new Meta(u.meta().created(), u.meta().created(), version));
    }

    private static Map<String, Integer> measure(DynamoDbCallCounter counter, Runnable operation) {
        counter.reset();
        operation.run();
        return counter.snapshot();
    }
}
