package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Okta's Push Groups, replayed over HTTP against the local API: link by name, create with a description, rename,
 * add, remove with {@code operation: delete}, mixed PATCH, full push with {@code meta.attributes}, PUT from
 * wizard-built apps, delete — and the members' {@code groups} attribute after each step.
 */
abstract class OktaGroupConversation {
    LocalApiFixture api;

    /** Embedded stores, or DynamoDB and Secrets Manager on the emulator. */
    abstract LocalApiFixture newFixture();
    ScimClient okta;
    final List<String> users = new ArrayList<>();

    @BeforeEach
    void start() {
        api = newFixture();
        okta = api.client();
        for (int i = 0; i < 6; i++) {
            ScimClient.Reply r = okta.post("/Users", OktaUserConversation.newUser("member" + i + "@acme.example",
                    "Member", "No" + i));
            assertThat(r.status()).isEqualTo(201);
            users.add(r.json().get("id").asText());
        }
    }

    @AfterEach
    void stop() { api.close(); }

    List<String> memberIds(String groupId) {
        List<String> out = new ArrayList<>();
        okta.get("/Groups/" + groupId).json().get("members").forEach(m -> out.add(m.get("value").asText()));
        return out;
    }

    List<String> groupNamesOf(String userId) {
        List<String> out = new ArrayList<>();
        okta.get("/Users/" + userId).json().get("groups").forEach(g -> out.add(g.get("display").asText()));
        return out;
    }

    static String members(String... entries) { return "[" + String.join(",", entries) + "]"; }

    static String add(String id) { return "{\"value\":\"" + id + "\",\"display\":\"" + id + "@display\"}"; }

    static String del(String id) { return "{\"value\":\"" + id + "\",\"operation\":\"delete\"}"; }

    @Test
    void pushGroups_fullLifecycle() {
        // Link by name: nothing yet.
        ScimClient.Reply lookup = okta.get("/Groups?filter=" + ScimClient.filter("displayName eq \"Sales\""));
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().get("totalResults").asInt()).isZero();

        // Create with Okta's description extension.
        ScimClient.Reply created = okta.post("/Groups", """
            {"schemas":["urn:scim:schemas:core:1.0"],"displayName":"Sales",
             "urn:okta:custom:group:1.0":{"description":"Everyone who sells"}}""");
        assertThat(created.status()).isEqualTo(201);
        String gid = created.json().get("id").asText();
        assertThat(created.json().get("members")).isEmpty();
        assertThat(created.json().at("/urn:okta:custom:group:1.0/description").asText()).isEqualTo("Everyone who sells");
        assertThat(created.json().at("/meta/location").asText()).endsWith("/Groups/" + gid);
        assertThat(okta.post("/Groups", "{\"displayName\":\"SALES\"}").status()).isEqualTo(409);
        ScimClient.Reply linked = okta.get("/Groups?filter=" + ScimClient.filter("displayName eq \"Sales\""));
        assertThat(linked.json().at("/Resources/0/id").asText()).isEqualTo(gid);

        // Rename (Okta sends it with every membership change; the path wins over an id in the body).
        String rename = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"id\":\"someone-else\",\"displayName\":\"Sales EMEA\"}";
        assertThat(okta.patch("/Groups/" + gid, rename).status()).isEqualTo(204);
        assertThat(okta.patch("/Groups/" + gid, rename).status()).isEqualTo(204);
        JsonNode renamed = okta.get("/Groups/" + gid).json();
        assertThat(renamed.get("displayName").asText()).isEqualTo("Sales EMEA");
        assertThat(renamed.at("/urn:okta:custom:group:1.0/description").asText()).isEqualTo("Everyone who sells");

        // Add members.
        String addTwo = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"displayName\":\"Sales EMEA\",\"members\":"
                + members(add(users.get(0)), add(users.get(1))) + "}";
        assertThat(okta.patch("/Groups/" + gid, addTwo).status()).isEqualTo(204);
        assertThat(memberIds(gid)).containsExactlyInAnyOrder(users.get(0), users.get(1));
        assertThat(groupNamesOf(users.get(0))).containsExactly("Sales EMEA");

        // Remove with operation: delete.
        String removeOne = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"members\":" + members(del(users.get(0))) + "}";
        assertThat(okta.patch("/Groups/" + gid, removeOne).status()).isEqualTo(204);
        assertThat(memberIds(gid)).containsExactly(users.get(1));
        assertThat(groupNamesOf(users.get(0))).isEmpty();

        // Mixed PATCH: adds and deletes in one request, with a rename.
        String mixed = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"displayName\":\"Sales Europe\",\"members\":"
                + members(add(users.get(2)), del(users.get(1)), add(users.get(3))) + "}";
        assertThat(okta.patch("/Groups/" + gid, mixed).status()).isEqualTo(204);
        assertThat(memberIds(gid)).containsExactlyInAnyOrder(users.get(2), users.get(3));
        assertThat(groupNamesOf(users.get(1))).isEmpty();
        assertThat(groupNamesOf(users.get(2))).containsExactly("Sales Europe");

        // Full push: clear, then set exactly the given members.
        String fullPush = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"meta\":{\"attributes\":[\"members\"]},"
                + "\"members\":" + members(add(users.get(3)), add(users.get(4))) + "}";
        assertThat(okta.patch("/Groups/" + gid, fullPush).status()).isEqualTo(204);
        assertThat(memberIds(gid)).containsExactlyInAnyOrder(users.get(3), users.get(4));
        assertThat(groupNamesOf(users.get(2))).isEmpty();

        // Wizard-built apps: GET then PUT with the full member list.
        ObjectNode group = okta.get("/Groups/" + gid).json().deepCopy();
        ArrayNode list = group.putArray("members");
        list.addObject().put("value", users.get(4)).put("display", "member4@acme.example");
        list.addObject().put("value", users.get(5)).put("display", "member5@acme.example");
        group.put("displayName", "Sales Worldwide");
        ScimClient.Reply put = okta.put("/Groups/" + gid, group.toString());
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("displayName").asText()).isEqualTo("Sales Worldwide");
        assertThat(memberIds(gid)).containsExactlyInAnyOrder(users.get(4), users.get(5));
        assertThat(groupNamesOf(users.get(5))).containsExactly("Sales Worldwide");
        assertThat(groupNamesOf(users.get(3))).isEmpty();

        // Lists carry no members; filters find by name, id and externalId.
        JsonNode listed = okta.get("/Groups?startIndex=1&count=100").json();
        assertThat(listed.get("totalResults").asInt()).isEqualTo(1);
        assertThat(listed.at("/Resources/0").has("members")).isFalse();
        assertThat(okta.get("/Groups?filter=" + ScimClient.filter("id eq \"" + gid + "\"")).json()
                .get("totalResults").asInt()).isEqualTo(1);

        // Delete: 204, gone, and no longer on its members.
        assertThat(okta.delete("/Groups/" + gid).status()).isEqualTo(204);
        assertThat(okta.get("/Groups/" + gid).status()).isEqualTo(404);
        assertThat(groupNamesOf(users.get(4))).isEmpty();
        assertThat(okta.post("/Groups", "{\"displayName\":\"Sales Worldwide\"}").json().get("members")).isEmpty();
    }

    @Test
    void createWithMembers_andDeletingAUser_shouldKeepMembershipsTrue() {
        String gid = okta.post("/Groups", "{\"displayName\":\"Ops\",\"members\":" + members(add(users.get(0)),
                add(users.get(1))) + "}").json().get("id").asText();
        assertThat(memberIds(gid)).containsExactlyInAnyOrder(users.get(0), users.get(1));

        assertThat(okta.delete("/Users/" + users.get(0)).status()).isEqualTo(204);

        assertThat(memberIds(gid)).containsExactly(users.get(1));
    }

    @Test
    void badMemberInput_shouldGet400AndChangeNothing() {
        String gid = okta.post("/Groups", "{\"displayName\":\"Finance\",\"members\":" + members(add(users.get(0)))
                + "}").json().get("id").asText();

        String[] bad = {
            "{\"members\":" + members(add(users.get(1)), add("no-such-user")) + "}",
            "{\"members\":[{\"display\":\"no value\"}]}",
            "{\"members\":[{\"value\":17}]}",
            "{\"members\":\"" + users.get(1) + "\"}",
            "{\"displayName\":[\"Finance\"]}",
            "{\"displayName\":\"Renamed\",\"members\":" + members(add("ghost")) + "}",
            "{\"members\": [",
        };
        for (String body : bad) {
            ScimClient.Reply r = okta.patch("/Groups/" + gid, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).as(body).isNotBlank();
        }
        assertThat(okta.post("/Groups", "{\"displayName\":7}").status()).isEqualTo(400);
        assertThat(okta.patch("/Groups/nope", "{\"displayName\":\"x\"}").status()).isEqualTo(404);
        JsonNode group = okta.get("/Groups/" + gid).json();
        assertThat(group.get("displayName").asText()).isEqualTo("Finance");
        assertThat(memberIds(gid)).containsExactly(users.get(0));
        assertThat(group.at("/meta/version").asText()).isEqualTo("W/\"1\"");
    }

    @Test
    void concurrentPatches_shouldNeverLoseAMember() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(okta.post("/Users", OktaUserConversation.newUser("many" + i + "@acme.example", "M", "N" + i))
                    .json().get("id").asText());
        }
        String gid = okta.post("/Groups", "{\"displayName\":\"Everyone\"}").json().get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int p = 0; p < 20; p++) {
                List<String> five = many.subList(p * 5, p * 5 + 5);
                String body = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"displayName\":\"Everyone\",\"members\":"
                        + members(five.stream().map(OktaGroupConversation::add).toArray(String[]::new)) + "}";
                calls.add(() -> okta.patch("/Groups/" + gid, body).status());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) assertThat(f.get()).isEqualTo(204);
        } finally {
            pool.shutdownNow();
        }
        assertThat(memberIds(gid)).hasSize(100).containsExactlyInAnyOrderElementsOf(many);
    }
}
