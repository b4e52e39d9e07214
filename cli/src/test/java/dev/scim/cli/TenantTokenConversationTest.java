package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.token.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two customer companies on one deployment, on the emulator (DynamoDB and Secrets Manager through the real SDK),
 * through the real authorizer and handlers over HTTP: isolation of everything a token can reach, and the token
 * lifecycle an admin goes through (reset, reset with grace, revoke) without losing data.
 */
class TenantTokenConversationTest {
    TestClock clock;
    LocalApiFixture api;
    String acmeToken;
    String globexToken;
    ScimClient acme;
    ScimClient globex;

    @BeforeEach
    void start() {
        clock = new TestClock(java.time.Instant.now());
        api = LocalApiFixture.onEmulator(clock);
        acmeToken = api.tokens().create("acme").token();
        globexToken = api.tokens().create("globex").token();
        acme = api.client(acmeToken);
        globex = api.client("Bearer " + globexToken);
    }

    @AfterEach
    void stop() { api.close(); }

    String user(ScimClient c, String userName) {
        ScimClient.Reply r = c.post("/Users", OktaUserConversation.newUser(userName, "Same", "Name"));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    String group(ScimClient c, String name, String... memberIds) {
        List<String> members = new ArrayList<>();
        for (String m : memberIds) members.add("{\"value\":\"" + m + "\"}");
        ScimClient.Reply r = c.post("/Groups", "{\"displayName\":\"" + name + "\",\"members\":[" + String.join(",", members) + "]}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void tenants_shouldNeverSeeOrTouchEachOthersData() {
        String acmeUser = user(acme, "pat@shared.example");
        String acmeGroup = group(acme, "Engineering", acmeUser);
        String globexUser = user(globex, "PAT@shared.example"); // the same person may work for both companies
        String globexGroup = group(globex, "Engineering", globexUser);

        for (String path : new String[] {"/Users/" + acmeUser, "/Groups/" + acmeGroup}) {
            assertThat(globex.get(path).status()).as(path).isEqualTo(404);
            assertThat(globex.delete(path).status()).as(path).isEqualTo(404);
        }
        assertThat(globex.put("/Users/" + acmeUser, OktaUserConversation.newUser("x@y.example", "X", "Y")).status())
                .isEqualTo(404);
        assertThat(globex.patch("/Users/" + acmeUser, "{\"active\":false}").status()).isEqualTo(404);
        assertThat(globex.patch("/Groups/" + acmeGroup, "{\"displayName\":\"Mine now\"}").status()).isEqualTo(404);
        JsonNode filtered = globex.get("/Users?filter=" + ScimClient.filter("id eq \"" + acmeUser + "\"")).json();
        assertThat(filtered.get("totalResults").asInt()).isZero();
        JsonNode listed = globex.get("/Users?startIndex=1&count=100").json();
        assertThat(listed.get("totalResults").asInt()).isEqualTo(1);
        assertThat(listed.at("/Resources/0/id").asText()).isEqualTo(globexUser);
        assertThat(globex.get("/Groups?startIndex=1&count=100").json().get("totalResults").asInt()).isEqualTo(1);
        JsonNode byName = globex.get("/Users?filter=" + ScimClient.filter("userName eq \"pat@shared.example\"")).json();
        assertThat(byName.at("/Resources/0/id").asText()).isEqualTo(globexUser);

        ScimClient.Reply crossMember = globex.patch("/Groups/" + globexGroup,
                "{\"members\":[{\"value\":\"" + acmeUser + "\"}]}");
        assertThat(crossMember.status()).isEqualTo(400);
        assertThat(crossMember.json().get("scimType").asText()).isEqualTo("invalidValue");
        assertThat(acme.get("/Groups/" + acmeGroup).json().get("members")).hasSize(1);
        assertThat(globex.get("/Groups/" + globexGroup).json().get("members"))
                .extracting(m -> m.get("value").asText()).containsExactly(globexUser);
        assertThat(acme.get("/Users/" + acmeUser).json().get("active").asBoolean()).isTrue();
        assertThat(acme.get("/Users/" + acmeUser).json().at("/groups/0/display").asText()).isEqualTo("Engineering");
    }

    @Test
    void reset_shouldRejectTheOldTokenAndKeepEveryUserAndGroup() {
        String u = user(acme, "lee@acme.example");
        String g = group(acme, "Support", u);
        JsonNode before = acme.get("/Users/" + u).json();

        String fresh = api.tokens().reset("acme", Duration.ZERO).token();

        assertThat(acme.get("/Users/" + u).status()).isEqualTo(401);
        ScimClient renewed = api.client(fresh);
        assertThat(renewed.get("/Users/" + u).json()).isEqualTo(before);
        assertThat(renewed.get("/Groups/" + g).json().get("members")).hasSize(1);
        assertThat(renewed.get("/Users?count=10").json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(globex.get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void resetWithGrace_shouldAcceptBothTokensUntilTheGraceEnds() {
        String fresh = api.tokens().reset("acme", Duration.ofMinutes(30)).token();
        ScimClient renewed = api.client(fresh);

        assertThat(acme.get("/Users?count=1").status()).isEqualTo(200);
        assertThat(renewed.get("/Users?count=1").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));

        assertThat(acme.get("/Users?count=1").status()).isEqualTo(401);
        assertThat(renewed.get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void revoke_shouldRejectEveryTokenOfTheTenantOnly() {
        api.tokens().revoke("acme");

        ScimClient.Reply r = acme.get("/Users?count=1");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("detail").asText()).containsIgnoringCase("token");
        assertThat(globex.get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void malformedTokens_shouldAllGet401WithScimErrorBody() {
        String otherTenantsId = acmeToken.replace("scim_acme_", "scim_globex_");
        String[] bad = {
            "", "Bearer", "Bearer ", acmeToken.substring(0, acmeToken.length() - 1),
            acmeToken.replace("scim_", "scin_"), otherTenantsId,
            acmeToken.substring(0, acmeToken.length() - 1) + (acmeToken.endsWith("A") ? "B" : "A"),
            "Basic " + acmeToken, acmeToken + "x", "scim_acme_" + "0".repeat(53),
        };
        for (String auth : bad) {
            ScimClient.Reply r = api.client(auth).get("/Users?count=1");
            assertThat(r.status()).as("'" + auth + "'").isEqualTo(401);
            assertThat(r.json().at("/Errors/0/code").asText()).isEqualTo("401");
            assertThat(r.body()).doesNotContain(acmeToken);
        }
    }
}
