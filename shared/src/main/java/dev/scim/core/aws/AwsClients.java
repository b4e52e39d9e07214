package dev.scim.core.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients once per process with explicit region, credentials provider and the lightweight
 * URLConnection HTTP client: resolving those lazily (default chains, Apache/Netty) is a large part of a Java
 * Lambda's cold start. {@code AWS_ENDPOINT_URL} points every client at an emulator (moto, LocalStack).
 */
public final class AwsClients {
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;

    public AwsClients(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        this.region = region;
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    /**
     * Inside Lambda the runtime puts the credentials in the environment, so the environment provider is enough
     * and skips the default chain's probing; elsewhere (CLI, local API) the default chain finds profiles too.
     */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        String regionName = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        boolean inLambda = env.containsKey("AWS_LAMBDA_FUNCTION_NAME");
        AwsCredentialsProvider creds = inLambda
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
        String ep = env.get("AWS_ENDPOINT_URL");
        return new AwsClients(Region.of(regionName), creds, ep == null || ep.isBlank() ? null : URI.create(ep));
    }

    public DynamoDbClient dynamoDb() {
        var b = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) b.endpointOverride(endpoint);
        return b.build();
    }

    public SecretsManagerClient secretsManager() {
        var b = SecretsManagerClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) b.endpointOverride(endpoint);
        return b.build();
    }

    public Region region() { return region; }
}
