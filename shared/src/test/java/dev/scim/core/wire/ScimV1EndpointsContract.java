package dev.scim.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.Config;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import dev.scim.core.service.GroupService;
import dev.scim.core.service.UserService;
import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SCIM 1.1 wire as Okta reads it, through {@link ScimEndpoints} and the real services, on whichever stores a
 * subclass provides (embedded and DynamoDB on the emulator).
 */
abstract class ScimV1EndpointsContract {
    static final String BASE = "https://api.example.com/prod";
    static final String OKTA_EXT = "urn:okta:example_app:1.0:user:custom";

    ScimEndpoints api;
    UserStore userStore;
    GroupStore groupStore;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    abstract UserStore users();

    abstract GroupStore groups();

    @BeforeEach
    void setUp() {
        userStore = users();
        groupStore = groups();
        Config config = Config.defaults().withLimits(1000, 10_000, 10_000);
        Clock clock = Clock.systemUTC();
        api = new ScimEndpoints(new UserService(userStore, groupStore, clock, config.filterMaxResults()),
                new GroupService(groupStore, userStore, clock, config.filterMaxResults(), config.groupMembersLimit()),
                config, new JsonLog(new PrintStream(logs, true, StandardCharsets.UTF_8), clock));
    }

    static ScimRequest req(String tenant, String method, String path, String id, Map<String, String> query,
            String body) {
        Map<String, String> params = id == null ? Map.of() : Map.of("id", id);
        return new ScimRequest(method, path, params, query, Map.of("Content-Type", "application/scim+json"), body,
                tenant, BASE, "req-1");
    }

    static JsonNode json(ScimResponse r) {
        try {
            return Json.parse(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String oktaUser(String userName) {
        return """
            {"schemas":["urn:scim:schemas:core:1.0","%s"],
             "userName":"%s","name":{"givenName":"Ada","familyName":"Lovelace"},
             "emails":[{"value":"%s","primary":true,"type":"work"}],
             "password":"Sup3rSecret!","active":true,
             "%s":{"costCenter":"R&D","isAdmin":true}}
            """.formatted(OKTA_EXT, userName, userName, OKTA_EXT);
    }

    ScimResponse createUser(String tenant, String userName) {
        return api.createUser(req(tenant, "POST", "/scim/v1/Users", null, Map.of(), oktaUser(userName)));
    }

    String createdId(String tenant, String userName) {
        ScimResponse r = createUser(tenant, userName);
        assertThat(r.status()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    @Test
    void createUser_shouldReturn201WithWholeResourceInV1Form_andNeverThePassword() {
        ScimResponse r = createUser("t1", "ada@example.com");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers().get("Content-Type")).startsWith("application/json");
        JsonNode body = json(r);
        String id = body.get("id").asText();
        assertThat(body.get("schemas")).extracting(JsonNode::asText)
                .containsExactly("urn:scim:schemas:core:1.0", OKTA_EXT);
        assertThat(body.get("userName").asText()).isEqualTo("ada@example.com");
        assertThat(body.at("/name/familyName").asText()).isEqualTo("Lovelace");
        assertThat(body.get(OKTA_EXT).get("isAdmin").asBoolean()).isTrue();
        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.get("groups")).isEmpty();
        assertThat(body.has("password")).isFalse();
        assertThat(body.at("/meta/location").asText()).isEqualTo(BASE + "/scim/v1/Users/" + id);
        assertThat(body.at("/meta/version").asText()).isEqualTo("W/\"1\"");
        assertThat(body.at("/meta/created").asText()).isNotBlank();
        assertThat(body.at("/meta/lastModified").asText()).isNotBlank();
        assertThat(r.headers().get("Location")).isEqualTo(BASE + "/scim/v1/Users/" + id);
        assertThat(r.body()).doesNotContain("Sup3rSecret!");
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain("Sup3rSecret!").contains("\"status\":201");
    }

    @Test
    void createUser_shouldAnswer409InV1ErrorForm_whenUserNameTakenInAnotherCase() {
        createdId("t1", "ada@example.com");

        ScimResponse r = createUser("t1", "ADA@Example.COM");

        assertThat(r.status()).isEqualTo(409);
        JsonNode body = json(r);
        assertThat(body.get("status").asText()).isEqualTo("409");
        assertThat(body.get("detail").asText()).contains("already taken");
        assertThat(body.at("/Errors/0/code").asText()).isEqualTo("409");
        assertThat(body.at("/Errors/0/description").asText()).isEqualTo(body.get("detail").asText());
        assertThat(json(api.listUsers(req("t1", "GET", "/scim/v1/Users", null, Map.of(), null)))
                .get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void createUser_shouldAnswer400AndStoreNothing_whenBodyIsBad() {
        Map<String, String> bad = new HashMap<>();
        bad.put("{not json", "not valid JSON");
        bad.put("[1,2]", "must be a JSON object");
        bad.put("{\"name\":{\"givenName\":\"A\"}}", "'userName' is required");
        bad.put("{\"userName\":42}", "'userName' is required");
        bad.put("{\"userName\":\"x@y\",\"active\":\"yes\"}", "'active' must be a boolean, not a string");
        bad.put("{\"userName\":\"x@y\",\"emails\":{\"value\":\"x@y\"}}", "'emails' is multi-valued");
        bad.put("{\"userName\":\"x@y\",\"name\":\"Ada\"}", "'name' must be an object of sub-attributes, not a string");
        bad.put("{\"userName\":\"" + "é".repeat(600) + "\"}", "'userName' is longer than 1024 bytes");
        bad.put("{\"userName\":\"x@y\",\"externalId\":\"" + "x".repeat(1500) + "\"}", "'externalId' is longer");
        bad.put("{\"userName\":\"x@y\",\"title\":\"" + "x".repeat(400_000) + "\"}", "larger than 300 KB");
        bad.forEach((body, detail) -> {
            ScimResponse r = api.createUser(req("t1", "POST", "/scim/v1/Users", null, Map.of(), body));
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(json(r).get("detail").asText()).as(body).contains(detail);
        });
        assertThat(json(api.listUsers(req("t1", "GET", "/scim/v1/Users", null, Map.of(), null)))
                .get("totalResults").asInt()).isZero();
    }

    @Test
    void getUser_shouldAnswer404_forUnknownIdAndForAnotherTenantsUser() {
        String id = createdId("t1", "ada@example.com");

        assertThat(api.getUser(req("t1", "GET", "/scim/v1/Users/nope", "nope", Map.of(), null)).status())
                .isEqualTo(404);
        ScimResponse other = api.getUser(req("t2", "GET", "/scim/v1/Users/" + id, id, Map.of(), null));
        assertThat(other.status()).isEqualTo(404);
        assertThat(json(other).get("detail").asText()).contains("not found");
    }

    @Test
    void replaceUser_shouldIgnoreEchoedReadOnlyAttributes_andBumpVersion() {
        String id = createdId("t1", "ada@example.com");
        JsonNode current = json(api.getUser(req("t1", "GET", "/scim/v1/Users/" + id, id, Map.of(), null)));
        var put = current.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) put).put("password", "An0ther!");
        ((com.fasterxml.jackson.databind.node.ObjectNode) put.get("name")).put("familyName", "King");

        ScimResponse r = api.replaceUser(req("t1", "PUT", "/scim/v1/Users/" + id, id, Map.of(), put.toString()));

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.at("/name/familyName").asText()).isEqualTo("King");
        assertThat(body.at("/meta/version").asText()).isEqualTo("W/\"2\"");
        assertThat(body.has("password")).isFalse();
        assertThat(body.get("id").asText()).isEqualTo(id);
    }

    @Test
    void patchUser_shouldDeactivateAndReactivate_withOktaPartialResource() {
        String id = createdId("t1", "ada@example.com");
        String off = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"id\":\"" + id + "\",\"active\":false}";

        ScimResponse r = api.patchUser(req("t1", "PATCH", "/scim/v1/Users/" + id, id, Map.of(), off));

        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("active").asBoolean()).isFalse();
        JsonNode read = json(api.getUser(req("t1", "GET", "/scim/v1/Users/" + id, id, Map.of(), null)));
        assertThat(read.get("active").asBoolean()).isFalse();
        assertThat(read.at("/name/familyName").asText()).isEqualTo("Lovelace");
        JsonNode filtered = json(api.listUsers(req("t1", "GET", "/scim/v1/Users", null,
                Map.of("filter", "userName eq \"ada@example.com\""), null)));
        assertThat(filtered.get("totalResults").asInt()).isEqualTo(1);
        assertThat(filtered.at("/Resources/0/active").asBoolean()).isFalse();

        String on = off.replace("false", "true");
        assertThat(json(api.patchUser(req("t1", "PATCH", "/scim/v1/Users/" + id, id, Map.of(), on)))
                .get("active").asBoolean()).isTrue();
    }

    @Test
    void listUsers_shouldAnswerOktaFilterForms() {
        createdId("t1", "ada@example.com");
        createdId("t1", "bob@example.com");

        for (String f : new String[] {"userName eq \"ADA@example.com\"", "userName+eq+\"ada@example.com\"",
                "userName eq \"ada@example.com\" and active eq true", "name.familyName eq \"lovelace\" and "
                        + "userName sw \"ada\""}) {
            JsonNode body = json(api.listUsers(req("t1", "GET", "/scim/v1/Users", null,
                    Map.of("filter", f, "startIndex", "1", "count", "100"), null)));
            assertThat(body.get("totalResults").asInt()).as(f).isEqualTo(1);
            assertThat(body.at("/Resources/0/userName").asText()).as(f).isEqualTo("ada@example.com");
            assertThat(body.get("itemsPerPage").asInt()).as(f).isEqualTo(1);
            assertThat(body.get("startIndex").asInt()).as(f).isEqualTo(1);
        }
        JsonNode none = json(api.listUsers(req("t1", "GET", "/scim/v1/Users", null,
                Map.of("filter", "userName eq \"nobody@example.com\""), null)));
        assertThat(none.get("totalResults").asInt()).isZero();
        assertThat(none.get("Resources")).isEmpty();
        assertThat(none.get("schemas").get(0).asText()).isEqualTo("urn:scim:schemas:core:1.0");
    }

    @Test
    void listUsers_shouldAnswer400_forOktasOperatorlessProbeFilter() {
        ScimResponse r = api.listUsers(req("t1", "GET", "/scim/v1/Users", null,
                Map.of("filter", "SOMEONE@EXAMPLE.COM"), null));

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("scimType").asText()).isEqualTo("invalidFilter");
        assertThat(json(r).get("detail").asText()).contains("SOMEONE@EXAMPLE.COM");
    }

    @Test
    void listUsers_shouldPageInStableOrder_withJsonIntegers() {
        for (int i = 0; i < 7; i++) createdId("t1", "user" + i + "@example.com");

        JsonNode p1 = json(api.listUsers(req("t1", "GET", "/scim/v1/Users", null,
                Map.of("startIndex", "1", "count", "3"), null)));
        JsonNode p3 = json(api.listUsers(req("t1", "GET", "/scim/v1/Users", null,
                Map.of("startIndex", "7", "count", "3"), null)));

        assertThat(p1.get("totalResults").isInt()).isTrue();
        assertThat(p1.get("totalResults").asInt()).isEqualTo(7);
        assertThat(p1.get("itemsPerPage").asInt()).isEqualTo(3);
        assertThat(p3.get("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(p3.get("startIndex").asInt()).isEqualTo(7);
        ScimResponse bad = api.listUsers(req("t1", "GET", "/scim/v1/Users", null, Map.of("count", "ten"), null));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).get("detail").asText()).contains("count");
    }

    @Test
    void groups_shouldCreateRenameAddRemoveAndShowOnUser() {
        String ada = createdId("t1", "ada@example.com");
        String bob = createdId("t1", "bob@example.com");
        ScimResponse created = api.createGroup(req("t1", "POST", "/scim/v1/Groups", null, Map.of(), """
            {"schemas":["urn:scim:schemas:core:1.0"],"displayName":"Sales",
             "urn:okta:custom:group:1.0":{"description":"Sales team"}}"""));
        assertThat(created.status()).isEqualTo(201);
        String gid = json(created).get("id").asText();
        assertThat(json(created).get("members")).isEmpty();
        assertThat(json(created).at("/urn:okta:custom:group:1.0/description").asText()).isEqualTo("Sales team");

        String patch = """
            {"schemas":["urn:scim:schemas:core:1.0"],"id":"%s","displayName":"Sales EMEA",
             "members":[{"value":"%s","display":"ada@example.com"},{"value":"%s","display":"bob@example.com"}]}"""
                .formatted(gid, ada, bob);
        ScimResponse patched = api.patchGroup(req("t1", "PATCH", "/scim/v1/Groups/" + gid, gid, Map.of(), patch));
        assertThat(patched.status()).isEqualTo(204);

        JsonNode user = json(api.getUser(req("t1", "GET", "/scim/v1/Users/" + ada, ada, Map.of(), null)));
        assertThat(user.at("/groups/0/value").asText()).isEqualTo(gid);
        assertThat(user.at("/groups/0/display").asText()).isEqualTo("Sales EMEA");

        String remove = """
            {"schemas":["urn:scim:schemas:core:1.0"],"members":[{"value":"%s","operation":"delete"}]}"""
                .formatted(ada);
        assertThat(api.patchGroup(req("t1", "PATCH", "/scim/v1/Groups/" + gid, gid, Map.of(), remove)).status())
                .isEqualTo(204);
        JsonNode group = json(api.getGroup(req("t1", "GET", "/scim/v1/Groups/" + gid, gid, Map.of(), null)));
        assertThat(group.get("displayName").asText()).isEqualTo("Sales EMEA");
        assertThat(group.get("members")).extracting(m -> m.get("value").asText()).containsExactly(bob);
        assertThat(json(api.getUser(req("t1", "GET", "/scim/v1/Users/" + ada, ada, Map.of(), null)))
                .get("groups")).isEmpty();
    }

    @Test
    void patchGroup_shouldChangeNothing_whenAnyMemberIsUnknownOrFromAnotherTenant() {
        String ada = createdId("t1", "ada@example.com");
        String stranger = createdId("t2", "eve@example.com");
        String gid = json(api.createGroup(req("t1", "POST", "/scim/v1/Groups", null, Map.of(),
                "{\"displayName\":\"Sales\"}"))).get("id").asText();

        for (String members : new String[] {
            "[{\"value\":\"" + ada + "\"},{\"value\":\"" + stranger + "\"}]",
            "[{\"value\":\"" + ada + "\"},{\"value\":\"no-such-user\"}]",
            "[{\"value\":42}]", "[\"" + ada + "\"]", "{\"value\":\"" + ada + "\"}x"}) {
            String body = "{\"displayName\":\"Renamed\",\"members\":" + members + "}";
            ScimResponse r = api.patchGroup(req("t1", "PATCH", "/scim/v1/Groups/" + gid, gid, Map.of(), body));
            assertThat(r.status()).as(members).isEqualTo(400);
        }
        JsonNode group = json(api.getGroup(req("t1", "GET", "/scim/v1/Groups/" + gid, gid, Map.of(), null)));
        assertThat(group.get("displayName").asText()).isEqualTo("Sales");
        assertThat(group.get("members")).isEmpty();
        ScimResponse nonString = api.createGroup(req("t1", "POST", "/scim/v1/Groups", null, Map.of(),
                "{\"displayName\":7}"));
        assertThat(nonString.status()).isEqualTo(400);
    }

    @Test
    void discovery_shouldServeV1Documents_andRefuseOtherMethods() {
        JsonNode spc = json(api.serviceProviderConfig(req("t1", "GET", "/scim/v1/ServiceProviderConfigs", null,
                Map.of(), null)));
        assertThat(spc.at("/patch/supported").asBoolean()).isTrue();
        assertThat(spc.at("/filter/maxResults").asInt()).isEqualTo(1000);
        JsonNode schemas = json(api.schemas(req("t1", "GET", "/scim/v1/Schemas", null, Map.of(), null)));
        assertThat(schemas.get("Resources")).extracting(s -> s.get("name").asText())
                .contains("User", "Group", "EnterpriseUser");
        JsonNode types = json(api.resourceTypes(req("t1", "GET", "/scim/v1/ResourceTypes", null, Map.of(), null)));
        assertThat(types.get("totalResults").asInt()).isEqualTo(2);
        ScimResponse post = api.schemas(req("t1", "POST", "/scim/v1/Schemas", null, Map.of(), "{}"));
        assertThat(post.status()).isEqualTo(405);
    }

    @Test
    void anyOperation_shouldAnswer401_whenNoTenantReachedTheCore() {
        ScimResponse r = api.listUsers(req(null, "GET", "/scim/v1/Users", null, Map.of(), null));
        assertThat(r.status()).isEqualTo(401);
    }
}
