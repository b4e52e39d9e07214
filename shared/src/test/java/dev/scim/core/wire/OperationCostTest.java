package dev.scim.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scim.core.Config;
import dev.scim.core.Services;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import dev.scim.core.model.Member;
import dev.scim.core.model.Meta;
import dev.scim.core.model.UserResource;
import dev.scim.core.store.dynamodb.DynamoDbGroupStore;
import dev.scim.core.store.dynamodb.DynamoDbSeed;
import dev.scim.core.store.dynamodb.DynamoDbUserStore;
import dev.scim.core.testing.DynamoDbCallCounter;
import dev.scim.core.testing.Emulator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB calls per SCIM operation as Okta sends it, end to end through the endpoints (DESIGN: every operation's
 * reads and writes bounded and known). Prints a table for docs/performance.md and pins the counts that the design
 * promises, so a change that adds a call per member or a scan fails here.
 */
class OperationCostTest {
    static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query");

    final DynamoDbCallCounter counter = new DynamoDbCallCounter();
    final DynamoDbClient dynamo = counter.client();
    final String table = Emulator.newTable(dynamo);
    final ScimOperations api = new Services(Config.defaults(), Clock.systemUTC(),
            new DynamoDbUserStore(dynamo, table), new DynamoDbGroupStore(dynamo, table),
            new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC())).operations();
    final Map<String, Map<String, Integer>> figures = new TreeMap<>();

    ScimResponse call(String name, int status, Supplier<ScimResponse> op) {
        counter.reset();
        ScimResponse r = op.get();
        assertThat(r.status()).as(name).isEqualTo(status);
        figures.put(name, counter.snapshot());
        return r;
    }

    static ScimRequest req(String method, String path, String id, String body) {
        return new ScimRequest(method, path, id == null ? Map.of() : Map.of("id", id),
                Map.of("startIndex", "1", "count", "100"), Map.of(), body, "t1", "https://h/prod", "cost");
    }

    static String members(List<String> ids, String op) {
        StringBuilder b = new StringBuilder("{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"displayName\":\"Sales\","
                + "\"members\":[");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) b.append(',');
            b.append("{\"value\":\"").append(ids.get(i)).append('"').append(op == null ? "" : ",\"operation\":\"" + op + "\"")
                    .append('}');
        }
        return b.append("]}").toString();
    }

    @Test
    void oktaOperations_shouldCostAFewBoundedCalls() throws Exception {
        List<UserResource> seeded = new ArrayList<>();
        Instant t0 = Instant.now();
        for (int i = 0; i < 200; i++) {
            seeded.add(new UserResource(UUID.randomUUID().toString(),
                    Json.object().put("userName", "u" + i + "@acme.example").put("active", true),
                    Meta.createdAt(t0.plusMillis(i))));
        }
        DynamoDbSeed.users(dynamo, table, "t1", seeded);
        List<String> ids = seeded.stream().map(UserResource::id).toList();

        String user = Json.parse(call("create user", 201, () -> api.createUser(req("POST", "/scim/v1/Users", null,
                "{\"userName\":\"new@acme.example\",\"active\":true}"))).body()).get("id").asText();
        call("get user", 200, () -> api.getUser(req("GET", "/scim/v1/Users/" + user, user, null)));
        call("filter userName eq", 200, () -> api.listUsers(new ScimRequest("GET", "/scim/v1/Users", Map.of(),
                Map.of("filter", "userName eq \"new@acme.example\""), Map.of(), null, "t1", "", "c")));
        call("list users page 1 (100)", 200, () -> api.listUsers(req("GET", "/scim/v1/Users", null, null)));
        call("list users page 101-200", 200, () -> api.listUsers(new ScimRequest("GET", "/scim/v1/Users", Map.of(),
                Map.of("startIndex", "101", "count", "100"), Map.of(), null, "t1", "", "c")));
        call("replace user (PUT)", 200, () -> api.replaceUser(req("PUT", "/scim/v1/Users/" + user, user,
                "{\"userName\":\"new@acme.example\",\"active\":true,\"title\":\"CFO\"}")));
        call("deactivate user (PATCH)", 200, () -> api.patchUser(req("PATCH", "/scim/v1/Users/" + user, user,
                "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"active\":false}")));

        String group = Json.parse(call("create group", 201, () -> api.createGroup(req("POST", "/scim/v1/Groups",
                null, "{\"displayName\":\"Sales\"}"))).body()).get("id").asText();
        call("add 1 member (PATCH)", 204, () -> api.patchGroup(req("PATCH", "/scim/v1/Groups/" + group, group,
                members(ids.subList(0, 1), null))));
        call("add 100 members (PATCH)", 204, () -> api.patchGroup(req("PATCH", "/scim/v1/Groups/" + group, group,
                members(ids.subList(1, 101), null))));
        call("remove 1 member (PATCH)", 204, () -> api.patchGroup(req("PATCH", "/scim/v1/Groups/" + group, group,
                members(ids.subList(0, 1), "delete"))));
        call("rename (PATCH)", 204, () -> api.patchGroup(req("PATCH", "/scim/v1/Groups/" + group, group,
                "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"displayName\":\"Sales EMEA\"}")));
        call("same name again (PATCH)", 204, () -> api.patchGroup(req("PATCH", "/scim/v1/Groups/" + group, group,
                "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"displayName\":\"Sales EMEA\"}")));

        // Memberships of a big group straight into the table (the store does not check member ids; the service does,
        // and the PATCHes above went through it).
        List<Member> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) all.add(new Member(UUID.randomUUID().toString(), "m" + i + "@acme.example"));
        DynamoDbSeed.memberships(dynamo, table, "t1", group, all);
        ScimResponse big = call("get 20,000-member group", 200, () -> api.getGroup(req("GET", "/scim/v1/Groups/"
                + group, group, null)));
        assertThat(Json.parse(big.body()).get("members")).hasSize(10_000);

        System.out.println("[figures] DynamoDB calls per SCIM operation (emulator):");
        figures.forEach((op, calls) -> {
            int reads = calls.entrySet().stream().filter(e -> READS.contains(e.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
            int writes = calls.values().stream().mapToInt(Integer::intValue).sum() - reads;
            System.out.printf("[figures] | %s | %d | %d | %s |%n", op, reads, writes, calls);
        });

        assertThat(figures.get("add 1 member (PATCH)")).isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1,
                "BatchWriteItem", 1, "UpdateItem", 1));
        assertThat(figures.get("add 100 members (PATCH)")).isEqualTo(Map.of("GetItem", 1, "BatchGetItem", 1,
                "BatchWriteItem", 4, "UpdateItem", 1));
        assertThat(figures.get("remove 1 member (PATCH)")).isEqualTo(Map.of("GetItem", 1, "BatchWriteItem", 1,
                "UpdateItem", 1));
        assertThat(figures.get("same name again (PATCH)")).isEqualTo(Map.of("GetItem", 1));
        assertThat(figures.get("filter userName eq")).isEqualTo(Map.of("GetItem", 2));
        assertThat(figures.values()).allSatisfy(calls -> assertThat(calls).doesNotContainKey("Scan"));
    }
}
