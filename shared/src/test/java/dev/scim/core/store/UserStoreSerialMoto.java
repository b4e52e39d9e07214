package dev.scim.core.store;

import dev.scim.core.aws.AwsClients;
import dev.scim.core.testing.Emulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A moto server that handles one request at a time, for tests of concurrent writers.
 *
 * <p>Why: {@code moto_server} serves requests on many threads, and its TransactWriteItems is not atomic across
 * them. It applies each item in turn, even after an earlier item's condition failed, and "rolls back" by putting
 * back a deep copy of the table taken when the transaction began; concurrent transactions therefore leave the
 * writes of cancelled transactions behind and lose those of committed ones (verified with moto 5.2.5: 20
 * concurrent creates of one userName gave 1 success, 19 cancellations and 5 stored users). DynamoDB itself
 * runs transactions serializably. Serving one request at a time restores exactly that guarantee, so a
 * concurrency test against this server checks the store's conditions and their mapping, not moto's threading.
 */
final class UserStoreSerialMoto {
    private static DynamoDbClient client;

    private UserStoreSerialMoto() {}

    /** A client for the serialising server, started on first use and stopped when the JVM exits. */
    static synchronized DynamoDbClient dynamoDb() {
        if (client == null) {
            URI endpoint = start();
            client = new AwsClients(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), endpoint)
                    .dynamoDb();
        }
        return client;
    }

    private static URI start() {
        Path python = Emulator.repoRoot().resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("No moto: run ./scim test once, which installs moto into .venv");
        }
        String script = String.join("\n",
                "import sys",
                "from werkzeug.serving import run_simple",
                "from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, "
                        + "create_backend_app",
                "run_simple('127.0.0.1', int(sys.argv[1]), DomainDispatcherApplication(create_backend_app),",
                "           threaded=False, request_handler=MotoRequestHandler)");
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
            Path log = Files.createTempFile("moto-serial", ".log");
            Process p = new ProcessBuilder(python.toString(), "-c", script, Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            URI uri = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) {
                try {
                    http.send(HttpRequest.newBuilder(uri.resolve("/moto-api/")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    return uri;
                } catch (IOException notYet) {
                    if (!p.isAlive()) throw new IllegalStateException("serial moto exited; see " + log);
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("serial moto did not start within 30 s; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start serial moto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting serial moto", e);
        }
    }
}
