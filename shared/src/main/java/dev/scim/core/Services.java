package dev.scim.core;

import dev.scim.core.aws.AwsClients;
import dev.scim.core.log.JsonLog;
import dev.scim.core.service.GroupService;
import dev.scim.core.service.UserService;
import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.store.dynamodb.DynamoDbGroupStore;
import dev.scim.core.store.dynamodb.DynamoDbUserStore;
import dev.scim.core.store.memory.InMemoryGroupStore;
import dev.scim.core.store.memory.InMemoryUserStore;
import dev.scim.core.wire.ScimEndpoints;
import dev.scim.core.wire.ScimOperations;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root of the SCIM data plane: config, clock, stores, services and the wire endpoints, built once
 * per process (once per warm Lambda container) and handed to handlers through their constructors. The token
 * authorizer is composed separately ({@code CachingTokenVerifier.fromEnvironment()}), so SCIM functions build no
 * Secrets Manager client and the authorizer no DynamoDB client.
 */
public final class Services {
    private final Config config;
    private final Clock clock;
    private final UserStore users;
    private final GroupStore groups;
    private final ScimOperations operations;

    public Services(Config config, Clock clock, UserStore users, GroupStore groups, JsonLog log) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.groups = groups;
        this.operations = new ScimEndpoints(
                new UserService(users, groups, clock, config.filterMaxResults()),
                new GroupService(groups, users, clock, config.filterMaxResults(), config.groupMembersLimit()),
                config, log);
    }

    /** DynamoDB through one client built here, configured from the environment (AWS_ENDPOINT_URL for emulators). */
    public static Services fromEnvironment() {
        Config config = Config.fromEnvironment();
        return dynamoDb(config, AwsClients.fromEnvironment(System.getenv()).dynamoDb(), Clock.systemUTC());
    }

    public static Services dynamoDb(Config config, DynamoDbClient dynamo, Clock clock) {
        return new Services(config, clock, new DynamoDbUserStore(dynamo, config.tableName()),
                new DynamoDbGroupStore(dynamo, config.tableName()), JsonLog.stdout());
    }

    /** In-memory stores, for ./scim local and tests. */
    public static Services embedded(Config config) {
        return new Services(config, Clock.systemUTC(), new InMemoryUserStore(), new InMemoryGroupStore(),
                JsonLog.stdout());
    }

    public ScimOperations operations() { return operations; }
    public Config config() { return config; }
    public Clock clock() { return clock; }
    public UserStore users() { return users; }
    public GroupStore groups() { return groups; }
}
