package dev.scim.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scim.core.model.UserResource;
import dev.scim.core.store.dynamodb.DynamoDbKeys;
import dev.scim.core.store.dynamodb.DynamoDbUserStore;
import dev.scim.core.testing.DynamoDbCallCounter;
import dev.scim.core.testing.Emulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The user store contract against DynamoDB (the emulator, through the real SDK), plus what only this store has:
 * the published item format, batching, and retries of transaction conflicts (the cost per operation is pinned
 * in {@code dev.scim.core.store.dynamodb.DynamoDbUserStoreCostTest}).
 */
class DynamoDbUserStoreTest extends UserStoreContract {
    private static DynamoDbClient dynamo;
    private static String table;

    @BeforeAll
    static void freshTable() {
        dynamo = Emulator.dynamoDb();
        table = Emulator.newTable(dynamo);
    }

    @Override
    protected UserStore newStore() {
        return new DynamoDbUserStore(dynamo, table);
    }

    @Test
    void create_shouldWriteTheDocumentedUserClaimAndCounterItems() {
        UserResource u = user("u-42", "Alice@Example.com", T0, "00uX");

        store.create(tenant, u);

        Map<String, AttributeValue> item = item(DynamoDbKeys.user(tenant, "u-42"), "U");
        assertThat(item.get("id").s()).isEqualTo("u-42");
        assertThat(item.get("userName").s()).isEqualTo("Alice@Example.com");
        assertThat(item.get("userNameLower").s()).isEqualTo("alice@example.com");
        assertThat(item.get("externalId").s()).isEqualTo("00uX");
        assertThat(item.get("active").bool()).isTrue();
        assertThat(item.get("doc").s()).isEqualTo(u.attributes().toString());
        assertThat(item.get("version").n()).isEqualTo("1");
        assertThat(item.get("created").s()).isEqualTo("2026-03-01T10:15:30.123456789Z");
        assertThat(item.get("lastModified").s()).isEqualTo("2026-03-01T10:15:30.123456789Z");
        assertThat(item.get("gsi1pk").s()).isEqualTo("T#" + tenant + "#USERS");
        assertThat(item.get("gsi1sk").s()).isEqualTo("2026-03-01T10:15:30.123456Z#u-42");
        assertThat(item.get("gsi3pk").s()).isEqualTo("T#" + tenant + "#UEXT#00uX");
        assertThat(item.get("gsi3sk").s()).isEqualTo("u-42");
        assertThat(item(DynamoDbKeys.userName(tenant, "ALICE@example.com"), "UN").get("id").s()).isEqualTo("u-42");
        assertThat(item(DynamoDbKeys.stats(tenant), "STATS").get("users").n()).isEqualTo("1");
    }

    @Test
    void existing_shouldAnswerInOneBatchPer100Ids_whenAskedAbout160Ids() {
        var counter = new DynamoDbCallCounter();
        UserStore counted = new DynamoDbUserStore(counter.client(), table);
        List<String> asked = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UserResource u = user("e" + i, T0);
            store.create(tenant, u);
            present.add(u.id());
        }
        asked.addAll(present);
        for (int i = 0; i < 148; i++) asked.add(UUID.randomUUID().toString());

        assertThat(counted.existing(tenant, asked)).containsExactlyInAnyOrderElementsOf(present);
        assertThat(counter.snapshot()).isEqualTo(Map.of("BatchGetItem", 2));
    }

    @Test
    void create_shouldRetryAndSucceed_whenDynamoDbCancelsForTransactionConflicts() {
        var conflicts = new TransactionConflicts(2);
        UserStore busy = new DynamoDbUserStore(conflicts.client(), table);
        UserResource u = user("busy.day", T0);

        busy.create(tenant, u);

        assertThat(conflicts.injected()).isEqualTo(2);
        assertThat(store.findByUserName(tenant, "busy.day").orElseThrow().id()).isEqualTo(u.id());
        assertThat(store.list(tenant, 1, 10).totalResults()).isEqualTo(1);
    }

    @Test
    void create_shouldPropagateTheCancellation_whenTransactionConflictsPersist() {
        var conflicts = new TransactionConflicts(Integer.MAX_VALUE);
        UserStore busy = new DynamoDbUserStore(conflicts.client(), table);

        assertThatThrownBy(() -> busy.create(tenant, user("never", T0)))
                .isInstanceOf(TransactionCanceledException.class);

        assertThat(conflicts.injected()).isEqualTo(8);
        assertThat(store.findByUserName(tenant, "never")).isEmpty();
    }

    /**
     * Real DynamoDB cancels a transaction that meets another one on the same item (here: the claim or the
     * tenant counter) with reason TransactionConflict; moto never does, so this interceptor answers the first
     * {@code times} TransactWriteItems calls that way before they leave the client.
     */
    private static final class TransactionConflicts implements ExecutionInterceptor {
        private final AtomicInteger left;
        private final AtomicInteger injected = new AtomicInteger();

        TransactionConflicts(int times) { left = new AtomicInteger(times); }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            boolean transaction = "TransactWriteItems".equals(
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            if (transaction && left.getAndDecrement() > 0) {
                injected.incrementAndGet();
                CancellationReason none = CancellationReason.builder().code("None").build();
                CancellationReason conflict = CancellationReason.builder().code("TransactionConflict")
                        .message("Transaction is ongoing for the item").build();
                throw TransactionCanceledException.builder().message("Transaction cancelled")
                        .cancellationReasons(none, conflict, conflict).build();
            }
        }

        int injected() { return injected.get(); }

        DynamoDbClient client() {
            return DynamoDbClient.builder().region(Emulator.clients().region())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("testing", "testing")))
                    .endpointOverride(Emulator.endpoint())
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(this)).build();
        }
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }
}
