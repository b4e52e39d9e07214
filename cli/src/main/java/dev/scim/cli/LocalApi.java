package dev.scim.cli;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scim.core.Config;
import dev.scim.core.Services;
import dev.scim.core.aws.AwsClients;
import dev.scim.core.log.JsonLog;
import dev.scim.core.store.dynamodb.DynamoDbTableDefinition;
import dev.scim.core.token.CachingTokenVerifier;
import dev.scim.core.token.InMemoryTokenStore;
import dev.scim.core.token.IssuedToken;
import dev.scim.core.token.SecretsManagerTokenStore;
import dev.scim.core.token.TokenAdmin;
import dev.scim.core.token.TokenMaterialStore;
import dev.scim.core.token.TokenVerifier;
import dev.scim.core.wire.ScimOperations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./scim local}: the whole API on {@code http://127.0.0.1:<port>/scim/v1}, served from template.yaml the
 * way API Gateway serves the deployed stack (routes, default REQUEST authorizer with its result cache, gateway
 * responses), invoking the same handler classes with the same events. One handler instance per function, created
 * once like a warm container; a pool of 16 threads serves requests concurrently.
 * Startable in-process for tests: {@link #start(LocalOptions, ScimOperations, TokenVerifier)}.
 */
public final class LocalApi implements AutoCloseable {
    /** The tenant whose token ./scim local prints. */
    static final String DEFAULT_TENANT = "default";
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalGateway gateway;

    private LocalApi(HttpServer server, ExecutorService executor, LocalGateway gateway) {
        this.server = server;
        this.executor = executor;
        this.gateway = gateway;
    }

    /**
     * Serves the template with its own authorizer class, constructed with {@code verifier} (through a
     * {@code (TokenVerifier)} constructor, or {@code (TokenVerifier, JsonLog)} logging to stderr).
     */
    public static LocalApi start(LocalOptions options, ScimOperations operations, TokenVerifier verifier) {
        ApiTemplate template = ApiTemplate.load(options.template());
        return start(options, template, operations, authorizer(template.authorizerHandlerClass(), verifier));
    }

    /**
     * Serves the template with the given authorizer function in place of the template's class, e.g. one that
     * denies, to exercise the gateway's authorizer handling.
     */
    public static LocalApi start(LocalOptions options, ScimOperations operations,
            RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> authorizer) {
        return start(options, ApiTemplate.load(options.template()), operations, authorizer);
    }

    private static LocalApi start(LocalOptions options, ApiTemplate template, ScimOperations operations,
            RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> authorizer) {
        Map<String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> functions =
                new HashMap<>();
        for (Route route : template.routes()) {
            functions.computeIfAbsent(route.functionId(),
                    id -> instantiate(route.handlerClass(), ScimOperations.class, operations));
        }
        var ttl = options.authCacheTtl() != null ? options.authCacheTtl() : template.authorizerTtl();
        var gateway = new LocalGateway(template, functions, new LocalAuthorizer(authorizer, ttl, System::nanoTime));
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "local-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
        LocalApi api = new LocalApi(server, executor, gateway);
        server.createContext("/", api::exchange);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public int port() { return server.getAddress().getPort(); }

    /** The SCIM 1.1 base URL, e.g. {@code http://127.0.0.1:8080/scim/v1}. */
    public String baseUrl() { return "http://127.0.0.1:" + port() + "/scim/v1"; }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        int status = 500;
        try (exchange) {
            LocalGateway.Outgoing out;
            try {
                byte[] body = readAtMost(exchange.getRequestBody(), LocalGateway.MAX_BODY_BYTES + 1);
                out = gateway.handle(new LocalGateway.Incoming(method, path, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress()));
            } catch (RuntimeException bug) {
                System.err.println("local API failed: " + bug.getClass().getName());
                out = gateway.gatewayResponse(GatewayResponseType.DEFAULT_5XX, "local-" + System.nanoTime());
            }
            status = out.status();
            out.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, List.copyOf(v)));
            boolean noBody = out.body().length == 0 || method.equals("HEAD");
            exchange.sendResponseHeaders(status, noBody ? -1 : out.body().length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out.body());
                }
            }
        } finally {
            System.err.printf("%s %s %d %dms%n", method, path, status, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private static RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> authorizer(String className,
            TokenVerifier verifier) {
        try {
            Class.forName(className).getConstructor(TokenVerifier.class);
            return instantiate(className, TokenVerifier.class, verifier);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError tryTheOther) {
            // Audit lines go to stderr: stdout carries the base URL and token for whoever started the server.
            return instantiate(className, new Class<?>[] {TokenVerifier.class, JsonLog.class},
                    verifier, new JsonLog(System.err, Clock.systemUTC()));
        }
    }

    private static <T> T instantiate(String className, Class<?> parameter, Object argument) {
        return instantiate(className, new Class<?>[] {parameter}, argument);
    }

    /** Constructs a handler named by the template through a public constructor taking its dependencies. */
    private static <T> T instantiate(String className, Class<?>[] parameters, Object... arguments) {
        try {
            Class<?> type = Class.forName(className);
            @SuppressWarnings("unchecked")
            T handler = (T) type.getConstructor(parameters).newInstance(arguments);
            return handler;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("template.yaml names handler " + className
                    + ", which is not on the classpath", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(className + " needs a public constructor taking "
                    + java.util.Arrays.stream(parameters).map(Class::getSimpleName).toList(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + className + ": " + e.getClass().getSimpleName(), e);
        }
    }

    public static void main(String[] args) {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, String> env = System.getenv();
        Config config = Config.fromEnvironment(env);
        Services services = services(env, config);
        LocalAuth auth;
        try {
            auth = localAuth(env, config, options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalApi api = start(options, services.operations(), auth.verifier());
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "local-api-shutdown"));
        System.out.println("Base URL:  " + api.baseUrl());
        System.out.println("API token: " + auth.token());
        System.out.println("(Ctrl-C stops the server)");
        System.out.flush();
    }

    /**
     * In-memory stores by default; with {@code AWS_ENDPOINT_URL} (moto, LocalStack) the real DynamoDB code against
     * it, after creating the table if it is missing.
     */
    static Services services(Map<String, String> env, Config config) {
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint == null || endpoint.isBlank()) return Services.embedded(config);
        try (var dynamo = AwsClients.fromEnvironment(env).dynamoDb()) {
            DynamoDbTableDefinition.ensureTable(dynamo, config.tableName());
        }
        return Services.fromEnvironment();
    }

    /** The verifier the authorizer uses, and the token printed for tenant {@code default}. */
    record LocalAuth(TokenVerifier verifier, String token) {}

    /**
     * Token material in memory by default, or in the emulator's Secrets Manager with {@code AWS_ENDPOINT_URL} (so
     * {@code ./scim token} against the same endpoint manages it). Tenant {@code default} gets the given token, or
     * a new one (replacing an earlier run's). {@code --auth-cache-ttl} sets the verifier's cache too, so 0 turns
     * off every cache for tests; otherwise the verifier keeps {@code TOKEN_CACHE_TTL_SECONDS}, as in Lambda.
     */
    static LocalAuth localAuth(Map<String, String> env, Config config, LocalOptions options) {
        String endpoint = env.get("AWS_ENDPOINT_URL");
        TokenMaterialStore store = endpoint == null || endpoint.isBlank()
                ? new InMemoryTokenStore()
                : new SecretsManagerTokenStore(AwsClients.fromEnvironment(env).secretsManager(),
                        config.tokenSecretPrefix());
        Clock clock = Clock.systemUTC();
        TokenAdmin admin = new TokenAdmin(store, clock, new SecureRandom(), new JsonLog(System.err, clock));
        IssuedToken issued;
        if (options.token() != null) {
            issued = admin.register(DEFAULT_TENANT, options.token());
        } else {
            boolean hasActive = admin.list(DEFAULT_TENANT).stream()
                    .anyMatch(t -> !t.status().equals("revoked") && !t.status().equals("expired"));
            issued = hasActive ? admin.reset(DEFAULT_TENANT, Duration.ZERO) : admin.create(DEFAULT_TENANT);
        }
        Duration ttl = options.authCacheTtl() != null ? options.authCacheTtl() : config.tokenCacheTtl();
        return new LocalAuth(new CachingTokenVerifier(store, clock, ttl), issued.token());
    }
}
