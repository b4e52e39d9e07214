package dev.scim.cli;

import dev.scim.core.aws.AwsClients;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SDK clients {@link TokenCommand} needs, for a region given on the command line or (null) the environment's.
 * The caller closes them. Tests pass clients pointed at the emulator.
 */
public interface TokenClients {
    SecretsManagerClient secretsManager(String region);

    CloudFormationClient cloudFormation(String region);

    /** Normal AWS credentials and region; {@code AWS_ENDPOINT_URL} points both clients at an emulator. */
    static TokenClients fromEnvironment(Map<String, String> env) {
        return new TokenClients() {
            @Override
            public SecretsManagerClient secretsManager(String region) {
                return AwsClients.fromEnvironment(withRegion(env, region)).secretsManager();
            }

            @Override
            public CloudFormationClient cloudFormation(String region) {
                AwsClients aws = AwsClients.fromEnvironment(withRegion(env, region));
                var b = CloudFormationClient.builder().region(aws.region())
                        .credentialsProvider(DefaultCredentialsProvider.builder().build())
                        .httpClient(UrlConnectionHttpClient.create());
                String ep = env.get("AWS_ENDPOINT_URL");
                if (ep != null && !ep.isBlank()) b.endpointOverride(URI.create(ep));
                return b.build();
            }
        };
    }

    private static Map<String, String> withRegion(Map<String, String> env, String region) {
        if (region == null) return env;
        Map<String, String> copy = new HashMap<>(env);
        copy.put("AWS_REGION", Region.of(region).id());
        return copy;
    }
}
