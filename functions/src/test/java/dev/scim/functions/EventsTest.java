package dev.scim.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.scim.core.json.Json;
import dev.scim.core.testing.Emulator;
import dev.scim.core.wire.ScimRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample events in events/ (for sam local invoke -e and handler tests) are what API Gateway would send. */
class EventsTest {
    private static final Path EVENTS = Emulator.repoRoot().resolve("events");

    static Stream<Path> proxyEvents() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            // authorizer.json is the token authorizer's event, not a proxy event.
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("authorizer.json")).sorted().toList().stream();
        }
    }

    @Test
    void events_shouldCoverEveryScimOperation() throws IOException {
        assertThat(proxyEvents().map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                "list-users.json", "get-user.json", "create-user.json", "replace-user.json", "patch-user.json",
                "delete-user.json", "list-groups.json", "get-group.json", "create-group.json",
                "replace-group.json", "patch-group.json", "delete-group.json", "service-provider-config.json",
                "schemas.json", "resource-types.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proxyEvents")
    void event_shouldMapToAScimRequestWithTenantAndStageBaseUrl(Path file) throws Exception {
        var event = EventLoader.loadApiGatewayRestEvent(file.toString());

        ScimRequest request = ApiGatewayAdapter.toScimRequest(event, null);

        assertThat(request.method()).isIn(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        assertThat(request.path()).startsWith("/scim/v1/");
        assertThat(request.tenant()).isEqualTo("acme");
        assertThat(request.requestId()).isNotBlank();
        assertThat(request.baseUrl()).isEqualTo("https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod");
        assertThat(request.header("authorization")).isPresent();
        if (event.getResource().endsWith("{id}")) {
            assertThat(request.path()).endsWith("/" + request.pathParam("id").orElseThrow());
        }
        if (request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH")) {
            var body = Json.parse(request.body());
            assertThat(body.path("schemas").get(0).asText()).isEqualTo("urn:scim:schemas:core:1.0");
        } else {
            assertThat(request.body()).isNull();
        }
    }

    @Test
    void patchUserEvent_shouldBeOktasDeactivation() throws Exception {
        var event = EventLoader.loadApiGatewayRestEvent(EVENTS.resolve("patch-user.json").toString());

        var body = Json.parse(ApiGatewayAdapter.toScimRequest(event, null).body());

        assertThat(body.path("active").asBoolean(true)).isFalse();
        assertThat(body.path("id").asText()).isEqualTo(event.getPathParameters().get("id"));
    }

    @Test
    void listUsersEvent_shouldCarryOktasUserNameFilterDecoded() throws Exception {
        var event = EventLoader.loadApiGatewayRestEvent(EVENTS.resolve("list-users.json").toString());

        assertThat(ApiGatewayAdapter.toScimRequest(event, null).queryParam("filter"))
                .hasValue("userName eq \"isaac.brock@example.com\"");
    }
}
