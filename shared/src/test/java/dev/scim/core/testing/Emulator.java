package dev.scim.core.testing;

import dev.scim.core.aws.AwsClients;
import dev.scim.core.store.dynamodb.DynamoDbTableDefinition;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS emulator the integration tests talk to through the real SDK. {@code ./scim test} starts moto's server
 * once and passes its endpoint in {@code SCIM_TEST_ENDPOINT}; a test run from an IDE without it starts moto
 * from the project's {@code .venv} (which {@code ./scim test} creates) on a free loopback port. Either way moto
 * serves one request at a time ({@code scripts/moto_serial.py} says why), so concurrency tests see DynamoDB's
 * serializable transactions.
 * Each caller gets its own table or secret prefix, so test classes never see each other's data.
 */
public final class Emulator {
    private static URI endpoint;
    private static AwsClients clients;

    private Emulator() {}

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            String given = System.getenv("SCIM_TEST_ENDPOINT");
            if (given != null && !given.isBlank()) {
                endpoint = URI.create(given.trim());
            } else if ("localstack".equalsIgnoreCase(System.getenv("SCIM_TEST_EMULATOR"))) {
                endpoint = startLocalStack();
            } else {
                endpoint = startMoto();
            }
        }
        return endpoint;
    }

    public static synchronized AwsClients clients() {
        if (clients == null) {
            clients = new AwsClients(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), endpoint());
        }
        return clients;
    }

    public static DynamoDbClient dynamoDb() { return clients().dynamoDb(); }

    public static SecretsManagerClient secretsManager() { return clients().secretsManager(); }

    /** A fresh, empty table with the service's definition. */
    public static String newTable(DynamoDbClient dynamo) {
        String name = "scim-test-" + UUID.randomUUID();
        DynamoDbTableDefinition.ensureTable(dynamo, name);
        return name;
    }

    /** A fresh secret name prefix, so token tests never share secrets. */
    public static String newSecretPrefix() { return "scim-test/" + UUID.randomUUID() + "/tokens"; }

    public static Path repoRoot() {
        String prop = System.getProperty("scim.repo.root");
        Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("template.yaml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository root (template.yaml)");
        return p;
    }

    /**
     * LocalStack in Docker through Testcontainers ({@code SCIM_TEST_EMULATOR=localstack ./scim test}), for machines
     * with a Docker engine: the same tests against a second, independent emulator. Stopped when the JVM exits.
     */
    private static URI startLocalStack() {
        if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("SCIM_TEST_EMULATOR=localstack needs a Docker engine, and none answers; "
                    + "unset it to use moto");
        }
        var container = new org.testcontainers.localstack.LocalStackContainer(
                org.testcontainers.utility.DockerImageName.parse("localstack/localstack:4.4"))
                .withServices("dynamodb", "secretsmanager", "cloudformation");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return container.getEndpoint();
    }

    private static URI startMoto() {
        Path python = repoRoot().resolve(".venv/bin/python");
        Path script = repoRoot().resolve("scripts/moto_serial.py");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("No AWS emulator: set SCIM_TEST_ENDPOINT or run ./scim test once, "
                    + "which installs moto into .venv");
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
            Path log = Files.createTempFile("moto", ".log");
            Process p = new ProcessBuilder(python.toString(), script.toString(), Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            URI uri = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) {
                try {
                    http.send(HttpRequest.newBuilder(uri.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return uri;
                } catch (IOException notYet) {
                    if (!p.isAlive()) throw new IllegalStateException("moto exited; see " + log);
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("moto did not start within 30 s; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto", e);
        }
    }
}
