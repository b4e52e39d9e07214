package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import dev.scim.core.store.dynamodb.DynamoDbTableDefinition;
import dev.scim.core.testing.Emulator;
import dev.scim.core.token.TokenVerifier;
import dev.scim.core.wire.ScimOperations;
import dev.scim.functions.ScimFunction;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

/** template.yaml is the single source of the API's shape: these tests pin what the local API reads from it. */
class ApiTemplateTest {
    private static final Path TEMPLATE = Emulator.repoRoot().resolve("template.yaml");
    private static final ApiTemplate API = ApiTemplate.load(TEMPLATE);

    @Test
    void load_shouldGiveOneRoutePerScimOperation() {
        assertThat(API.routes()).extracting(Route::method, Route::pathTemplate, Route::handlerClass).containsExactlyInAnyOrder(
                tuple("GET", "/scim/v1/Users", "dev.scim.functions.users.ListUsersHandler"),
                tuple("POST", "/scim/v1/Users", "dev.scim.functions.users.CreateUserHandler"),
                tuple("GET", "/scim/v1/Users/{id}", "dev.scim.functions.users.GetUserHandler"),
                tuple("PUT", "/scim/v1/Users/{id}", "dev.scim.functions.users.ReplaceUserHandler"),
                tuple("PATCH", "/scim/v1/Users/{id}", "dev.scim.functions.users.PatchUserHandler"),
                tuple("DELETE", "/scim/v1/Users/{id}", "dev.scim.functions.users.DeleteUserHandler"),
                tuple("GET", "/scim/v1/Groups", "dev.scim.functions.groups.ListGroupsHandler"),
                tuple("POST", "/scim/v1/Groups", "dev.scim.functions.groups.CreateGroupHandler"),
                tuple("GET", "/scim/v1/Groups/{id}", "dev.scim.functions.groups.GetGroupHandler"),
                tuple("PUT", "/scim/v1/Groups/{id}", "dev.scim.functions.groups.ReplaceGroupHandler"),
                tuple("PATCH", "/scim/v1/Groups/{id}", "dev.scim.functions.groups.PatchGroupHandler"),
                tuple("DELETE", "/scim/v1/Groups/{id}", "dev.scim.functions.groups.DeleteGroupHandler"),
                tuple("ANY", "/scim/v1/ServiceProviderConfigs", "dev.scim.functions.discovery.ServiceProviderConfigHandler"),
                tuple("ANY", "/scim/v1/Schemas", "dev.scim.functions.discovery.SchemasHandler"),
                tuple("ANY", "/scim/v1/Schemas/{id}", "dev.scim.functions.discovery.SchemasHandler"),
                tuple("ANY", "/scim/v1/ResourceTypes", "dev.scim.functions.discovery.ResourceTypesHandler"),
                tuple("ANY", "/scim/v1/ResourceTypes/{id}", "dev.scim.functions.discovery.ResourceTypesHandler"));
        assertThat(API.routes()).allMatch(Route::authorized);
    }

    @Test
    void routes_shouldNameExistingHandlerClassesWithAnOperationsConstructor() throws Exception {
        for (Route route : API.routes()) {
            Class<?> type = Class.forName(route.handlerClass());
            assertThat(RequestHandler.class).as(route.handlerClass()).isAssignableFrom(type);
            assertThat(type.getConstructor(ScimOperations.class)).as(route.handlerClass()).isNotNull();
            assertThat(type.getConstructor()).as("Lambda needs a no-arg constructor: " + route.handlerClass()).isNotNull();
        }
    }

    @Test
    void template_shouldReferenceEveryHandlerClassInTheFunctionsModule() throws Exception {
        Set<String> referenced = new HashSet<>();
        API.routes().forEach(r -> referenced.add(r.handlerClass()));
        referenced.add(API.authorizerHandlerClass());

        assertThat(functionHandlerClasses()).isNotEmpty().allSatisfy(c -> assertThat(referenced).contains(c));
    }

    @Test
    void authorizer_shouldBeTheTokenAuthorizerWithTemplateTtl() {
        assertThat(API.authorizerFunctionId()).isEqualTo("TokenAuthorizerFunction");
        assertThat(API.authorizerHandlerClass()).isEqualTo("dev.scim.functions.auth.TokenAuthorizerHandler");
        assertThat(API.authorizerTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(API.stageName()).isEqualTo("prod");
    }

    /** Passes once the tokens branch (dev.scim.functions.auth) is merged. */
    @Test
    void authorizer_shouldNameAnExistingClassWithATokenVerifierConstructor() throws Exception {
        Class<?> type = Class.forName(API.authorizerHandlerClass());

        assertThat(RequestHandler.class).isAssignableFrom(type);
        assertThat(type.getConstructors()).as("a constructor taking (TokenVerifier) or (TokenVerifier, JsonLog)")
                .anySatisfy(c -> assertThat(List.of(c.getParameterTypes()))
                        .isIn(List.of(TokenVerifier.class), List.of(TokenVerifier.class, JsonLog.class)));
        assertThat(type.getConstructor()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(GatewayResponseType.class)
    void gatewayResponse_shouldBeAScimErrorReadableByBothDialects(GatewayResponseType type) throws Exception {
        GatewayResponse response = API.gatewayResponse(type);

        JsonNode body = Json.parse(response.render("req-42"));
        String status = Integer.toString(response.status());
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        assertThat(body.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.path("status").asText()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank().doesNotContain("$context");
        assertThat(body.path("Errors").get(0).path("code").asText()).isEqualTo(status);
        assertThat(body.path("Errors").get(0).path("description").asText()).isEqualTo(body.path("detail").asText());
    }

    @Test
    void gatewayResponses_shouldHaveTheStatusesScimClientsExpect() {
        assertThat(Stream.of(GatewayResponseType.values()).map(t -> Map.entry(t, API.gatewayResponse(t).status())))
                .contains(Map.entry(GatewayResponseType.UNAUTHORIZED, 401),
                        Map.entry(GatewayResponseType.ACCESS_DENIED, 403),
                        Map.entry(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, 404),
                        Map.entry(GatewayResponseType.AUTHORIZER_FAILURE, 500),
                        Map.entry(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, 500),
                        Map.entry(GatewayResponseType.THROTTLED, 429),
                        Map.entry(GatewayResponseType.REQUEST_TOO_LARGE, 413),
                        Map.entry(GatewayResponseType.DEFAULT_4XX, 400),
                        Map.entry(GatewayResponseType.DEFAULT_5XX, 500));
        assertThat(API.gatewayResponse(GatewayResponseType.UNAUTHORIZED).render("r")).contains("paste the current API token");
        assertThat(API.gatewayResponse(GatewayResponseType.DEFAULT_5XX).render("req-42")).contains("req-42");
    }

    @Test
    void table_shouldEqualTheTableDefinitionInCode() {
        CreateTableRequest fromTemplate = API.table("t");
        CreateTableRequest inCode = DynamoDbTableDefinition.createTableRequest("t");

        assertThat(fromTemplate.billingMode()).isEqualTo(inCode.billingMode());
        assertThat(fromTemplate.keySchema()).isEqualTo(inCode.keySchema());
        assertThat(fromTemplate.attributeDefinitions()).containsExactlyInAnyOrderElementsOf(inCode.attributeDefinitions());
        assertThat(fromTemplate.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName,
                GlobalSecondaryIndex::keySchema, GlobalSecondaryIndex::projection)
                .containsExactlyInAnyOrderElementsOf(inCode.globalSecondaryIndexes().stream()
                        .map(g -> tuple(g.indexName(), g.keySchema(), g.projection())).toList());
    }

    @Test
    void table_shouldBeRetainedEncryptedAndRecoverable() {
        JsonNode table = API.resources().path("ScimTable");

        assertThat(table.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(table.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        assertThat(table.at("/Properties/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean()).isTrue();
        assertThat(table.at("/Properties/SSESpecification/SSEEnabled").asBoolean()).isTrue();
    }

    @Test
    void policies_shouldGrantEachFunctionOnlyWhatItsOperationNeeds() {
        Set<String> read = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
        Set<String> write = new HashSet<>(read);
        write.addAll(Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"));
        for (Route route : API.routes()) {
            List<String> actions = actions(route.functionId());
            if (route.handlerClass().contains(".discovery.")) {
                assertThat(actions).as(route.functionId()).isEmpty();
            } else if (route.method().equals("GET")) {
                assertThat(actions).as(route.functionId()).containsExactlyInAnyOrderElementsOf(read);
            } else {
                assertThat(actions).as(route.functionId()).containsExactlyInAnyOrderElementsOf(write);
            }
        }
        assertThat(actions("TokenAuthorizerFunction")).containsExactly("secretsmanager:GetSecretValue");
        assertThat(API.resources().at("/TokenAuthorizerFunction/Properties/Policies/0/Statement/0/Resource").asText())
                .isEqualTo("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:"
                        + "${AWS::StackName}/tokens/*");
    }

    private static List<String> actions(String functionId) {
        List<String> out = new ArrayList<>();
        JsonNode policies = API.resources().path(functionId).path("Properties").path("Policies");
        assertThat(policies.size()).as(functionId + " has at most one inline policy").isLessThanOrEqualTo(1);
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("Statement")) {
                statement.path("Action").forEach(a -> out.add(a.asText()));
            }
        }
        return out;
    }

    /** Concrete RequestHandler classes compiled into the functions module (directory or jar). */
    private static List<String> functionHandlerClasses() throws Exception {
        Path location = Path.of(ScimFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            collect(location, names);
        } else {
            try (var jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
                collect(jar.getPath("/"), names);
            }
        }
        List<String> handlers = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ApiTemplateTest.class.getClassLoader());
            if (RequestHandler.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())
                    && !type.isInterface()) {
                handlers.add(name);
            }
        }
        return handlers;
    }

    private static void collect(Path root, List<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replace(".class", ""))
                    .filter(n -> n.startsWith("dev.scim.functions."))
                    .forEach(names::add);
        }
    }
}
