package dev.scim.functions.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.scim.core.Config;
import dev.scim.core.Services;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import dev.scim.core.store.memory.InMemoryGroupStore;
import dev.scim.core.store.memory.InMemoryUserStore;
import dev.scim.functions.users.CreateUserHandler;
import dev.scim.functions.users.GetUserHandler;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Warm handler latency: one handler instance per operation (a warm container), events in a loop, p50/p99 of the
 * time inside {@code handleRequest}. Runs twice: on the embedded store (the handler and core alone) and on
 * DynamoDB at AWS_ENDPOINT_URL (there the emulator's own latency dominates). Not a test; scripts/bench.sh runs it.
 */
public final class WarmLatency {

    public static void main(String[] args) throws Exception {
        JsonLog quiet = new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
        Config config = Config.fromEnvironment();
        run("embedded", new Services(config, Clock.systemUTC(), new InMemoryUserStore(), new InMemoryGroupStore(),
                quiet), 300, 1000);
        Services dynamo = Services.fromEnvironment();
        // Fewer rounds on the emulator: moto copies its table on every transaction and reads all of it on every
        // Query, so its latency grows with the table, which DynamoDB's does not.
        run("dynamodb-emulator", new Services(config, Clock.systemUTC(), dynamo.users(), dynamo.groups(), quiet),
                50, 200);
    }

    static void run(String label, Services services, int warmup, int measured) throws Exception {
        CreateUserHandler create = new CreateUserHandler(services.operations());
        GetUserHandler get = new GetUserHandler(services.operations());
        List<String> ids = new ArrayList<>();
        long[] createNs = new long[measured];
        long[] getNs = new long[measured];
        for (int i = 0; i < warmup + measured; i++) {
            String body = "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"userName\":\"" + label + i
                    + "@bench.example\",\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User" + i + "\"},"
                    + "\"emails\":[{\"value\":\"" + label + i + "@bench.example\",\"primary\":true}],\"active\":true}";
            long t0 = System.nanoTime();
            APIGatewayProxyResponseEvent r = create.handleRequest(BenchEvents.event("POST", "/scim/v1/Users", Map.of(),
                    Map.of(), body), null);
            long t1 = System.nanoTime();
            if (r.getStatusCode() != 201) throw new IllegalStateException("create answered " + r.getStatusCode());
            String id = Json.parse(r.getBody()).get("id").asText();
            ids.add(id);
            long t2 = System.nanoTime();
            APIGatewayProxyResponseEvent g = get.handleRequest(BenchEvents.event("GET", "/scim/v1/Users/" + id,
                    Map.of("id", id), Map.of(), null), null);
            long t3 = System.nanoTime();
            if (g.getStatusCode() != 200) throw new IllegalStateException("get answered " + g.getStatusCode());
            if (i >= warmup) {
                createNs[i - warmup] = t1 - t0;
                getNs[i - warmup] = t3 - t2;
            }
        }
        System.out.printf("warm %s create p50=%.2fms p99=%.2fms get p50=%.2fms p99=%.2fms (n=%d after %d warm-up)%n",
                label, pct(createNs, 50), pct(createNs, 99), pct(getNs, 50), pct(getNs, 99), measured, warmup);
    }

    static double pct(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }
}
