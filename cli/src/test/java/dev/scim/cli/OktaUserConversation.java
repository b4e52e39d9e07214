package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Okta's "SCIM 1.1 Header Auth" app, replayed over HTTP against the local API (routes, authorizer and handlers from
 * template.yaml; embedded or emulator store by subclass): Test API Credentials, assigning new and existing users, profile update by GET+PUT,
 * deactivate/reactivate by PATCH and by PUT, import in pages of 100, and the failures Okta must see as SCIM errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OktaUserConversation {
    LocalApiFixture api;
    ScimClient okta;

    /** Embedded stores, or DynamoDB and Secrets Manager on the emulator. */
    abstract LocalApiFixture newFixture();

    @BeforeAll
    void start() {
        api = newFixture();
        okta = api.client(); // Okta sends the token exactly as the admin pasted it: no "Bearer"
    }

    @AfterAll
    void stop() { api.close(); }

    static String newUser(String userName, String given, String family) {
        return """
            {"schemas":["urn:scim:schemas:core:1.0","urn:scim:schemas:extension:enterprise:1.0",
                        "urn:okta:acme_travel:1.0:user:custom"],
             "userName":"%1$s","name":{"givenName":"%2$s","familyName":"%3$s"},
             "emails":[{"value":"%1$s","primary":true,"type":"work"}],
             "displayName":"%2$s %3$s","locale":"en-US","externalId":"00u%3$s",
             "groups":[],"password":"Okta-Pa55!","active":true,
             "urn:scim:schemas:extension:enterprise:1.0":{"department":"Finance","manager":{"value":"boss"}},
             "urn:okta:acme_travel:1.0:user:custom":{"travelPolicy":"economy"}}
            """.formatted(userName, given, family);
    }

    @Test
    void testApiCredentials_shouldSucceed() {
        ScimClient.Reply users = okta.get("/Users?startIndex=1&count=1");
        ScimClient.Reply groups = okta.get("/Groups?startIndex=1&count=100");

        assertThat(users.status()).isEqualTo(200);
        assertThat(users.header("Content-Type")).startsWith("application/json");
        assertThat(users.json().get("schemas").get(0).asText()).isEqualTo("urn:scim:schemas:core:1.0");
        assertThat(users.json().get("totalResults").isIntegralNumber()).isTrue();
        assertThat(groups.status()).isEqualTo(200);
    }

    @Test
    void assignNewUser_thenExistingUser_shouldCreateOnceAndLinkTheOther() {
        String userName = "grace.hopper@acme.example";
        ScimClient.Reply lookup = okta.get("/Users?filter=" + ScimClient.filter("userName eq \"" + userName + "\"")
                + "&startIndex=1&count=100");
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().get("totalResults").asInt()).isZero();
        assertThat(lookup.json().get("Resources")).isEmpty();

        ScimClient.Reply created = okta.post("/Users", newUser(userName, "Grace", "Hopper"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode user = created.json();
        String id = user.get("id").asText();
        assertThat(user.get("userName").asText()).isEqualTo(userName);
        assertThat(user.at("/meta/location").asText()).isEqualTo(api.baseUrl() + "/Users/" + id);
        assertThat(user.at("/meta/created").asText()).isNotEmpty();
        assertThat(user.at("/meta/lastModified").asText()).isNotEmpty();
        assertThat(user.at("/meta/version").asText()).isNotEmpty();
        assertThat(user.at("/urn:scim:schemas:extension:enterprise:1.0/department").asText()).isEqualTo("Finance");
        assertThat(user.at("/urn:okta:acme_travel:1.0:user:custom/travelPolicy").asText()).isEqualTo("economy");
        assertThat(user.has("password")).isFalse();

        // The same person assigned again (Okta's "user already exists" path): found by the same filter, in any case.
        ScimClient.Reply found = okta.get("/Users?filter=" + ScimClient.filter("userName eq \"GRACE.HOPPER@acme.example\""));
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().at("/Resources/0/id").asText()).isEqualTo(id);
        ScimClient.Reply duplicate = okta.post("/Users", newUser("Grace.Hopper@ACME.example", "Grace", "Hopper"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("detail").asText()).isNotBlank();
        assertThat(duplicate.json().at("/Errors/0/code").asText()).isEqualTo("409");

        ScimClient.Reply byExternalId = okta.get("/Users?filter=" + ScimClient.filter("externalId eq \"00uHopper\""));
        assertThat(byExternalId.json().at("/Resources/0/id").asText()).isEqualTo(id);
        ScimClient.Reply plusEncoded = okta.get("/Users?filter=userName+eq+%22" + userName + "%22");
        assertThat(plusEncoded.json().get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void profileUpdate_shouldBeGetThenPutOfTheWholeObject() {
        String id = okta.post("/Users", newUser("alan.turing@acme.example", "Alan", "Turing")).json().get("id").asText();

        JsonNode current = okta.get("/Users/" + id).json();
        ObjectNode put = current.deepCopy();
        ((ObjectNode) put.get("name")).put("familyName", "Turing-Smith");
        put.put("password", "N3w-Pa55!");
        put.putArray("groups");
        ScimClient.Reply updated = okta.put("/Users/" + id, put.toString());

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/name/familyName").asText()).isEqualTo("Turing-Smith");
        assertThat(updated.json().get("id").asText()).isEqualTo(id);
        assertThat(updated.json().at("/meta/created").asText()).isEqualTo(current.at("/meta/created").asText());
        assertThat(updated.json().at("/meta/version").asText()).isNotEqualTo(current.at("/meta/version").asText());
        assertThat(okta.get("/Users/" + id).json().at("/name/familyName").asText()).isEqualTo("Turing-Smith");
        assertThat(updated.body()).doesNotContain("N3w-Pa55!");
    }

    @Test
    void deactivateAndReactivate_shouldWorkByPatchAndByPut_andKeepTheUserReadable() {
        String userName = "katherine.johnson@acme.example";
        String id = okta.post("/Users", newUser(userName, "Katherine", "Johnson")).json().get("id").asText();

        String off = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"id\":\"" + id + "\",\"active\":false}";
        ScimClient.Reply patched = okta.patch("/Users/" + id, off);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("active").asBoolean()).isFalse();
        ScimClient.Reply read = okta.get("/Users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("active").asBoolean()).isFalse();
        assertThat(read.json().at("/name/givenName").asText()).isEqualTo("Katherine");
        JsonNode filtered = okta.get("/Users?filter=" + ScimClient.filter("userName eq \"" + userName + "\"")).json();
        assertThat(filtered.at("/Resources/0/active").asBoolean()).isFalse();

        ScimClient.Reply on = okta.patch("/Users/" + id, off.replace("false", "true"));
        assertThat(on.json().get("active").asBoolean()).isTrue();

        ObjectNode full = okta.get("/Users/" + id).json().deepCopy();
        full.put("active", false);
        assertThat(okta.put("/Users/" + id, full.toString()).json().get("active").asBoolean()).isFalse();
        assertThat(okta.get("/Users/" + id).json().get("active").asBoolean()).isFalse();
        full.put("active", true);
        assertThat(okta.put("/Users/" + id, full.toString()).json().get("active").asBoolean()).isTrue();
    }

    @Test
    void import_shouldPage250UsersIn100s_withoutGapsOrRepeats() {
        LocalApiFixture own = newFixture();
        try {
            ScimClient client = own.client();
            Set<String> created = new HashSet<>();
            for (int i = 0; i < 250; i++) {
                ScimClient.Reply r = client.post("/Users", newUser("import" + i + "@acme.example", "Im", "Port" + i));
                assertThat(r.status()).isEqualTo(201);
                created.add(r.json().get("id").asText());
            }
            List<String> seen = new ArrayList<>();
            for (int start : new int[] {1, 101, 201}) {
                JsonNode page = client.get("/Users?startIndex=" + start + "&count=100").json();
                assertThat(page.get("totalResults").asInt()).isEqualTo(250);
                assertThat(page.get("startIndex").asInt()).isEqualTo(start);
                assertThat(page.get("itemsPerPage").asInt()).isEqualTo(start == 201 ? 50 : 100);
                page.get("Resources").forEach(u -> seen.add(u.get("id").asText()));
            }
            assertThat(seen).doesNotHaveDuplicates().hasSize(250);
            assertThat(new HashSet<>(seen)).isEqualTo(created);
            assertThat(client.get("/Users?startIndex=301&count=100").json().get("Resources")).isEmpty();
        } finally {
            own.close();
        }
    }

    @Test
    void concurrentCreatesOfOneUserNameInDifferentCases_shouldGiveExactlyOne201() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            String base = "race.condition@acme.example";
            for (int i = 0; i < 20; i++) {
                StringBuilder variant = new StringBuilder(base); // a different letter upper-cased in each request
                variant.setCharAt(i, Character.toUpperCase(base.charAt(i)));
                String userName = variant.toString();
                calls.add(() -> okta.post("/Users", newUser(userName, "Race", "Condition")).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) statuses.add(f.get());
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
            assertThat(okta.get("/Users?filter=" + ScimClient.filter("userName eq \"race.condition@acme.example\""))
                    .json().get("totalResults").asInt()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingOrWrongToken_shouldGet401WithScimErrorBody() {
        for (ScimClient c : new ScimClient[] {okta.withAuthorization(null), okta.withAuthorization("wrong"),
                okta.withAuthorization("Bearer scim_default_00000000000000000000000000000000000000000000000000000")}) {
            ScimClient.Reply r = c.get("/Users?startIndex=1&count=1");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("status").asText()).isEqualTo("401");
            assertThat(r.json().get("detail").asText()).containsIgnoringCase("token");
            assertThat(r.json().at("/Errors/0/code").asText()).isEqualTo("401");
        }
        assertThat(api.client("Bearer ").get("/Users").status()).isEqualTo(401);
        assertThat(api.client("bearer   " + api.token() + "  ").get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void badInput_shouldGetScimErrorsAndChangeNothing() {
        int before = okta.get("/Users?count=0").json().get("totalResults").asInt();
        String id = okta.post("/Users", newUser("bad.input@acme.example", "Bad", "Input")).json().get("id").asText();

        assertThat(okta.post("/Users", "{\"userName\": ").status()).isEqualTo(400);
        assertThat(okta.post("/Users", "{\"name\":{\"givenName\":\"No\"}}").status()).isEqualTo(400);
        assertThat(okta.post("/Users", "{\"userName\":[\"a\"]}").status()).isEqualTo(400);
        ScimClient.Reply wrongType = okta.put("/Users/" + id, "{\"userName\":\"bad.input@acme.example\",\"active\":\"no\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("detail").asText()).contains("active");
        assertThat(okta.patch("/Users/" + id, "{\"active\":\"false\"}").status()).isEqualTo(400);
        ScimClient.Reply unknown = okta.get("/Users/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/Errors/0/code").asText()).isEqualTo("404");
        assertThat(okta.put("/Users/nope", newUser("x@acme.example", "X", "Y")).status()).isEqualTo(404);
        assertThat(okta.patch("/Users/nope", "{\"active\":false}").status()).isEqualTo(404);
        ScimClient.Reply probe = okta.get("/Users?filter=SOMEONE@EXAMPLE.COM");
        assertThat(probe.status()).isEqualTo(400);
        assertThat(probe.json().get("detail").asText()).contains("SOMEONE@EXAMPLE.COM");

        JsonNode user = okta.get("/Users/" + id).json();
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.at("/meta/version").asText()).isEqualTo("W/\"1\"");
        assertThat(okta.get("/Users?count=0").json().get("totalResults").asInt()).isEqualTo(before + 1);
        assertThat(okta.get("/Nothing/here").status()).isEqualTo(404);
    }
}
