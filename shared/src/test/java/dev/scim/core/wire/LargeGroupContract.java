package dev.scim.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.Config;
import dev.scim.core.Services;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A big Okta push group built the way Okta builds it: PATCH requests of 100 members each (SCIM 1.1 partial
 * resources, with the displayName repeated as Okta does), then read back. Prints the wall time; asserts only what
 * a client sees: every member stored, a GET capped at the configured limit, and the user's groups.
 */
abstract class LargeGroupContract {
    static final int MEMBERS_LIMIT = 10_000;

    abstract UserStore users();

    abstract GroupStore groups();

    abstract int members();

    @Test
    void patchesOf100_shouldBuildTheWholeGroup_andReadsStayBounded() throws Exception {
        UserStore userStore = users();
        GroupStore groupStore = groups();
        Config config = Config.defaults().withLimits(1000, 10_000, MEMBERS_LIMIT);
        ScimOperations api = new Services(config, Clock.systemUTC(), userStore, groupStore,
                new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC())).operations();
        List<String> ids = createUsers(api, members());
        String gid = Json.parse(api.createGroup(request("POST", "/scim/v1/Groups", null,
                "{\"displayName\":\"All Hands\"}")).body()).get("id").asText();

        long started = System.nanoTime();
        for (int from = 0; from < ids.size(); from += 100) {
            StringBuilder body = new StringBuilder("{\"schemas\":[\"urn:scim:schemas:core:1.0\"],"
                    + "\"displayName\":\"All Hands\",\"members\":[");
            for (int i = from; i < Math.min(from + 100, ids.size()); i++) {
                if (i > from) body.append(',');
                body.append("{\"value\":\"").append(ids.get(i)).append("\",\"display\":\"big").append(i)
                        .append("@acme.example\"}");
            }
            body.append("]}");
            assertThat(api.patchGroup(request("PATCH", "/scim/v1/Groups/" + gid, gid, body.toString())).status())
                    .isEqualTo(204);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[figures] %s: %d members through %d PATCHes of 100 in %d ms%n",
                getClass().getSimpleName(), ids.size(), (ids.size() + 99) / 100, millis);

        assertThat(groupStore.memberIds("t1", gid)).hasSize(ids.size()).containsAll(ids);
        ScimResponse get = api.getGroup(request("GET", "/scim/v1/Groups/" + gid, gid, null));
        JsonNode group = Json.parse(get.body());
        assertThat(group.get("members")).hasSize(Math.min(ids.size(), MEMBERS_LIMIT));
        assertThat(get.body().length()).isLessThan(6 * 1024 * 1024);
        JsonNode user = Json.parse(api.getUser(request("GET", "/scim/v1/Users/" + ids.get(ids.size() - 1),
                ids.get(ids.size() - 1), null)).body());
        assertThat(user.at("/groups/0/display").asText()).isEqualTo("All Hands");
    }

    /** The members-to-be, created through the API unless a store needs a faster way in. */
    List<String> createUsers(ScimOperations api, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ScimResponse r = api.createUser(request("POST", "/scim/v1/Users", null,
                    "{\"userName\":\"big" + i + "@acme.example\",\"active\":true}"));
            assertThat(r.status()).isEqualTo(201);
            ids.add(Json.parse(r.body()).get("id").asText());
        }
        return ids;
    }

    static ScimRequest request(String method, String path, String id, String body) {
        return new ScimRequest(method, path, id == null ? Map.of() : Map.of("id", id), Map.of(), Map.of(), body,
                "t1", "https://api.example.com/prod", "big");
    }
}
