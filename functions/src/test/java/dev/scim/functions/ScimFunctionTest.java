package dev.scim.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import dev.scim.core.json.Json;
import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.discovery.ResourceTypesHandler;
import dev.scim.functions.discovery.SchemasHandler;
import dev.scim.functions.discovery.ServiceProviderConfigHandler;
import dev.scim.functions.groups.CreateGroupHandler;
import dev.scim.functions.groups.DeleteGroupHandler;
import dev.scim.functions.groups.GetGroupHandler;
import dev.scim.functions.groups.ListGroupsHandler;
import dev.scim.functions.groups.PatchGroupHandler;
import dev.scim.functions.groups.ReplaceGroupHandler;
import dev.scim.core.testing.RecordingOperations;
import dev.scim.functions.users.CreateUserHandler;
import dev.scim.functions.users.DeleteUserHandler;
import dev.scim.functions.users.GetUserHandler;
import dev.scim.functions.users.ListUsersHandler;
import dev.scim.functions.users.PatchUserHandler;
import dev.scim.functions.users.ReplaceUserHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScimFunctionTest {

    static Stream<Arguments> handlers() {
        return Stream.of(
                Arguments.of("listUsers", (Function<ScimOperations, ScimFunction>) ListUsersHandler::new),
                Arguments.of("getUser", (Function<ScimOperations, ScimFunction>) GetUserHandler::new),
                Arguments.of("createUser", (Function<ScimOperations, ScimFunction>) CreateUserHandler::new),
                Arguments.of("replaceUser", (Function<ScimOperations, ScimFunction>) ReplaceUserHandler::new),
                Arguments.of("patchUser", (Function<ScimOperations, ScimFunction>) PatchUserHandler::new),
                Arguments.of("deleteUser", (Function<ScimOperations, ScimFunction>) DeleteUserHandler::new),
                Arguments.of("listGroups", (Function<ScimOperations, ScimFunction>) ListGroupsHandler::new),
                Arguments.of("getGroup", (Function<ScimOperations, ScimFunction>) GetGroupHandler::new),
                Arguments.of("createGroup", (Function<ScimOperations, ScimFunction>) CreateGroupHandler::new),
                Arguments.of("replaceGroup", (Function<ScimOperations, ScimFunction>) ReplaceGroupHandler::new),
                Arguments.of("patchGroup", (Function<ScimOperations, ScimFunction>) PatchGroupHandler::new),
                Arguments.of("deleteGroup", (Function<ScimOperations, ScimFunction>) DeleteGroupHandler::new),
                Arguments.of("serviceProviderConfig",
                        (Function<ScimOperations, ScimFunction>) ServiceProviderConfigHandler::new),
                Arguments.of("schemas", (Function<ScimOperations, ScimFunction>) SchemasHandler::new),
                Arguments.of("resourceTypes", (Function<ScimOperations, ScimFunction>) ResourceTypesHandler::new));
    }

    private static APIGatewayProxyRequestEvent event() {
        var rc = new ProxyRequestContext().withRequestId("req-7");
        rc.setAuthorizer(new HashMap<>(Map.of("tenant", "acme")));
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/scim/v1/Users/u1")
                .withPathParameters(Map.of("id", "u1")).withRequestContext(rc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlers")
    void handleRequest_shouldCallItsOwnOperationOnce_andRenderItsResponse(String operation,
            Function<ScimOperations, ScimFunction> constructor) {
        var operations = new RecordingOperations();

        var response = constructor.apply(operations).handleRequest(event(), new TestContext("lambda-1"));

        assertThat(operations.calls()).extracting(RecordingOperations.Call::operation).containsExactly(operation);
        assertThat(operations.lastCall().request().tenant()).isEqualTo("acme");
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("X-Operation", operation);
        assertThat(response.getBody()).contains("\"operation\":\"" + operation + "\"");
    }

    @Test
    void handleRequest_shouldAnswer500WithRequestIdOnly_whenCoreThrowsUnexpectedly() throws Exception {
        var operations = new RecordingOperations();
        operations.respondWith((op, request) -> {
            throw new IllegalStateException("secret internal detail");
        });

        var response = new GetUserHandler(operations).handleRequest(event(), new TestContext("lambda-1"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(response.getBody()).doesNotContain("secret internal detail");
        var body = Json.parse(response.getBody());
        assertThat(body.path("status").asText()).isEqualTo("500");
        assertThat(body.path("detail").asText()).contains("req-7");
        assertThat(body.path("Errors").get(0).path("code").asText()).isEqualTo("500");
    }
}
