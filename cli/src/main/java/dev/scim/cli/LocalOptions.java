package dev.scim.cli;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of {@code ./scim local}.
 *
 * @param port         port on 127.0.0.1; 0 picks a free one
 * @param token        the API token to accept, or null to have one issued
 * @param authCacheTtl how long an authorizer answer is cached per Authorization value; null means the template's
 *                     {@code AuthorizerResultTtlSeconds} default, 0 disables caching (tests)
 * @param template     the SAM template to serve
 */
public record LocalOptions(int port, String token, Duration authCacheTtl, Path template) {
    public static final String USAGE = "Usage: ./scim local [--port N] [--token T] [--auth-cache-ttl S] "
            + "[--template FILE]";

    public LocalOptions {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("--port must be between 0 and 65535");
        if (authCacheTtl != null && authCacheTtl.isNegative()) {
            throw new IllegalArgumentException("--auth-cache-ttl must be 0 or more seconds");
        }
        if (template == null) template = Path.of("template.yaml");
    }

    public static LocalOptions defaults() { return new LocalOptions(8080, null, null, Path.of("template.yaml")); }

    public LocalOptions withPort(int p) { return new LocalOptions(p, token, authCacheTtl, template); }

    public LocalOptions withAuthCacheTtl(Duration ttl) { return new LocalOptions(port, token, ttl, template); }

    public LocalOptions withTemplate(Path file) { return new LocalOptions(port, token, authCacheTtl, file); }

    /** @throws IllegalArgumentException with a message naming the bad option */
    public static LocalOptions parse(String... args) {
        LocalOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help")) throw new IllegalArgumentException(USAGE);
            if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value. " + USAGE);
            String value = args[++i];
            o = switch (name) {
                case "--port" -> o.withPort(whole(name, value));
                case "--token" -> new LocalOptions(o.port(), value, o.authCacheTtl(), o.template());
                case "--auth-cache-ttl" -> o.withAuthCacheTtl(Duration.ofSeconds(whole(name, value)));
                case "--template" -> o.withTemplate(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + name + ". " + USAGE);
            };
        }
        return o;
    }

    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        // Never print the token through a stray log of the options.
        return "LocalOptions[port=" + port + ", token=" + (token == null ? "none" : "given") + ", authCacheTtl="
                + authCacheTtl + ", template=" + template + "]";
    }
}
