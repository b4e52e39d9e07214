package dev.scim.functions.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.scim.functions.users.ListUsersHandler;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Cold-start proxy: run in a new JVM on the deployment jar, it constructs {@link ListUsersHandler} as the Lambda
 * runtime does (no-arg constructor: config, DynamoDB client, stores) and handles one {@code GET /Users} event
 * against the endpoint in AWS_ENDPOINT_URL. Prints JVM start → handler ready → first response, in ms.
 * Not a test: scripts/bench.sh runs it five times and takes the median.
 */
public final class ColdStartProbe {
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        ListUsersHandler handler = new ListUsersHandler();
        long readyAt = System.currentTimeMillis();
        APIGatewayProxyResponseEvent r = handler.handleRequest(BenchEvents.event("GET", "/scim/v1/Users", Map.of(),
                Map.of("startIndex", "1", "count", "100"), null), null);
        long doneAt = System.currentTimeMillis();
        if (r.getStatusCode() != 200) throw new IllegalStateException("GET /Users answered " + r.getStatusCode());
        System.out.printf("cold jvm_to_main=%d init=%d first_request=%d total=%d%n",
                mainAt - jvmStart, readyAt - mainAt, doneAt - readyAt, doneAt - jvmStart);
    }
}
