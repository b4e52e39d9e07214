package dev.scim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * What the local API needs from template.yaml, read from the file itself so {@code ./scim local} cannot drift
 * from the deployed API: routes (every {@code AWS::Serverless::Function} with {@code Api} events), the REST API's
 * default authorizer, its gateway responses, the authorizer cache TTL, the stage name, and the table.
 * CloudFormation short tags ({@code !Ref X}, {@code !GetAtt X.Arn}) read as their plain scalar argument.
 */
public record ApiTemplate(List<Route> routes, String authorizerFunctionId, String authorizerHandlerClass,
        Map<GatewayResponseType, GatewayResponse> gatewayResponses, Duration authorizerTtl, String stageName,
        JsonNode resources) {

    private static final YAMLMapper YAML = new YAMLMapper();

    public ApiTemplate {
        routes = List.copyOf(routes);
        gatewayResponses = Map.copyOf(gatewayResponses);
    }

    public static ApiTemplate load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static ApiTemplate parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template.yaml is not valid YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode resources = root.path("Resources");
        JsonNode parameters = root.path("Parameters");
        JsonNode globals = root.path("Globals").path("Function");

        String apiId = only(resources, "AWS::Serverless::Api", "a REST API (AWS::Serverless::Api)");
        JsonNode api = resources.path(apiId).path("Properties");
        JsonNode auth = api.path("Auth");
        String defaultAuthorizer = auth.path("DefaultAuthorizer").asText("");
        if (defaultAuthorizer.isEmpty()) throw new IllegalStateException(apiId + " has no Auth.DefaultAuthorizer");
        JsonNode authorizer = auth.path("Authorizers").path(defaultAuthorizer);
        if (authorizer.isMissingNode()) {
            throw new IllegalStateException("DefaultAuthorizer " + defaultAuthorizer + " is not among Auth.Authorizers");
        }
        String authorizerFunctionId = logicalIdOf(authorizer.path("FunctionArn"));
        String authorizerClass = handlerClass(resources.path(authorizerFunctionId), globals, authorizerFunctionId);
        Duration ttl = Duration.ofSeconds(number(authorizer.path("Identity").path("ReauthorizeEvery"), parameters, 300));
        String stage = scalar(api.path("StageName"), parameters, "prod");

        List<Route> routes = new ArrayList<>();
        for (var entry : resources.properties()) {
            JsonNode resource = entry.getValue();
            if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) continue;
            for (JsonNode event : iterable(resource.path("Properties").path("Events"))) {
                if (!"Api".equals(event.path("Type").asText())) continue;
                JsonNode p = event.path("Properties");
                String restApi = p.path("RestApiId").asText(apiId);
                if (!restApi.equals(apiId)) continue;
                boolean authorized = !"NONE".equals(p.path("Auth").path("Authorizer").asText(defaultAuthorizer));
                routes.add(new Route(p.path("Method").asText(), p.path("Path").asText(), entry.getKey(),
                        handlerClass(resource, globals, entry.getKey()), authorized));
            }
        }
        routes.sort(Comparator.comparingInt(Route::parameterCount));
        return new ApiTemplate(routes, authorizerFunctionId, authorizerClass,
                gatewayResponses(api.path("GatewayResponses")), ttl, stage, resources);
    }

    /** The route API Gateway would pick for this method and raw path, with its decoded path parameters. */
    public Optional<Map.Entry<Route, Map<String, String>>> route(String method, String rawPath) {
        for (Route route : routes) {
            if (!route.allowsMethod(method)) continue;
            var params = route.match(rawPath);
            if (params.isPresent()) return Optional.of(Map.entry(route, params.get()));
        }
        return Optional.empty();
    }

    /** The declared response for this type, else its DEFAULT_4XX/5XX parent, else API Gateway's built-in one. */
    public GatewayResponse gatewayResponse(GatewayResponseType type) {
        GatewayResponse own = gatewayResponses.get(type);
        if (own != null) return own;
        GatewayResponseType parent = type.parent();
        GatewayResponse inherited = parent == null ? null : gatewayResponses.get(parent);
        // An inherited response keeps the child's own status unless the parent sets one explicitly.
        if (inherited != null) return new GatewayResponse(type, inherited.status(), inherited.headers(),
                inherited.bodyTemplate());
        String message = type.defaultMessage() == null ? "Internal server error" : type.defaultMessage();
        return new GatewayResponse(type, type.defaultStatus(), Map.of("Content-Type", "application/json"),
                "{\"message\":\"" + message + "\"}");
    }

    /** The DynamoDB table the template declares ({@code AWS::DynamoDB::Table}), as a create request. */
    public CreateTableRequest table(String tableName) {
        String id = only(resources, "AWS::DynamoDB::Table", "a DynamoDB table");
        JsonNode p = resources.path(id).path("Properties");
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode a : p.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder().attributeName(a.path("AttributeName").asText())
                    .attributeType(a.path("AttributeType").asText()).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode g : p.path("GlobalSecondaryIndexes")) {
            indexes.add(GlobalSecondaryIndex.builder().indexName(g.path("IndexName").asText())
                    .keySchema(keys(g.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(g.path("Projection").path("ProjectionType").asText()).build())
                    .build());
        }
        var b = CreateTableRequest.builder().tableName(tableName)
                .billingMode(BillingMode.fromValue(p.path("BillingMode").asText("PROVISIONED")))
                .attributeDefinitions(attributes).keySchema(keys(p.path("KeySchema")));
        if (!indexes.isEmpty()) b.globalSecondaryIndexes(indexes);
        return b.build();
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode k : schema) {
            keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                    .keyType(k.path("KeyType").asText()).build());
        }
        return keys;
    }

    private static Map<GatewayResponseType, GatewayResponse> gatewayResponses(JsonNode declared) {
        Map<GatewayResponseType, GatewayResponse> out = new EnumMap<>(GatewayResponseType.class);
        for (var entry : declared.properties()) {
            GatewayResponseType type;
            try {
                type = GatewayResponseType.valueOf(entry.getKey());
            } catch (IllegalArgumentException notServedLocally) {
                continue; // e.g. WAF_FILTERED: cannot happen locally
            }
            JsonNode r = entry.getValue();
            int status = r.hasNonNull("StatusCode") ? Integer.parseInt(r.path("StatusCode").asText())
                    : type.defaultStatus();
            Map<String, String> headers = new HashMap<>();
            for (var header : r.path("ResponseParameters").path("Headers").properties()) {
                headers.put(header.getKey(), unquote(header.getValue().asText()));
            }
            String body = r.path("ResponseTemplates").path("application/json").asText("");
            out.put(type, new GatewayResponse(type, status, headers, body));
        }
        return out;
    }

    /** Static gateway response header values are single-quoted literals: {@code "'application/json'"}. */
    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String handlerClass(JsonNode function, JsonNode globals, String id) {
        String handler = function.path("Properties").path("Handler").asText(globals.path("Handler").asText(""));
        if (handler.isEmpty()) throw new IllegalStateException("function " + id + " has no Handler");
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }

    /** {@code !GetAtt Fn.Arn} (read as "Fn.Arn"), {@code Fn::GetAtt: [Fn, Arn]} or {@code !Ref Fn}. */
    private static String logicalIdOf(JsonNode ref) {
        if (ref.isTextual()) {
            String s = ref.asText();
            int dot = s.indexOf('.');
            return dot < 0 ? s : s.substring(0, dot);
        }
        if (ref.has("Fn::GetAtt")) return ref.path("Fn::GetAtt").path(0).asText();
        if (ref.has("Ref")) return ref.path("Ref").asText();
        throw new IllegalStateException("cannot tell which function the authorizer's FunctionArn names: " + ref);
    }

    /** A scalar, or a parameter's default when it is {@code !Ref Param}. */
    private static String scalar(JsonNode value, JsonNode parameters, String fallback) {
        if (value.isMissingNode() || value.isNull()) return fallback;
        String text = value.isObject() && value.has("Ref") ? value.path("Ref").asText() : value.asText();
        JsonNode parameter = parameters.path(text);
        if (!parameter.isMissingNode()) return parameter.path("Default").asText(fallback);
        return text;
    }

    private static long number(JsonNode value, JsonNode parameters, long fallback) {
        String s = scalar(value, parameters, Long.toString(fallback));
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("template value '" + s + "' is not a whole number");
        }
    }

    private static String only(JsonNode resources, String type, String what) {
        List<String> ids = new ArrayList<>();
        for (var e : resources.properties()) {
            if (type.equals(e.getValue().path("Type").asText())) ids.add(e.getKey());
        }
        if (ids.size() != 1) {
            throw new IllegalStateException("template.yaml must declare exactly one " + what + ", found " + ids);
        }
        return ids.get(0);
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        for (var e : node.properties()) values.add(e.getValue());
        return values;
    }

}
