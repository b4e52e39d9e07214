package dev.scim.cli;

import dev.scim.core.log.JsonLog;
import dev.scim.core.token.ApiToken;
import dev.scim.core.token.IssuedToken;
import dev.scim.core.token.SecretsManagerTokenStore;
import dev.scim.core.token.TokenAdmin;
import dev.scim.core.token.TokenInfo;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code ./scim token create|reset|revoke|list --tenant T [--grace 15m|2h|1d] [--stack NAME] [--secret-prefix P]
 * [--region R]}: a tenant's API tokens in the deployed stack's Secrets Manager secrets (or the emulator named by
 * {@code AWS_ENDPOINT_URL}). Users and groups are never touched.
 *
 * <p>{@code create} and {@code reset} print the token and nothing else on stdout, so scripts can capture it;
 * messages and the audit lines go to stderr. {@code list} prints a table (id, created, status) on stdout.
 * Exit codes: 0 ok, 2 usage, 1 failure (one line, no stack trace). The secret prefix comes from
 * {@code --secret-prefix}, else the {@code TokenSecretPrefix} output of {@code --stack}, else
 * {@code TOKEN_SECRET_PREFIX}.
 */
public final class TokenCommand {
    static final String USAGE = """
            Usage: ./scim token create|reset|revoke|list --tenant T [--grace 15m|2h|1d] [--stack NAME]
                                                         [--secret-prefix P] [--region R]
              create   issue the tenant's first API token (printed once on stdout; it cannot be shown again)
              reset    issue a new token; the old one stops working now, or after --grace (reset only)
              revoke   stop every token of the tenant now
              list     show the tenant's tokens: id, created, status
            Secrets: --secret-prefix, else the TokenSecretPrefix output of --stack, else TOKEN_SECRET_PREFIX.
            AWS credentials and region as usual; AWS_ENDPOINT_URL points at an emulator.""";
    static final String STACK_OUTPUT = "TokenSecretPrefix";

    private static final Set<String> COMMANDS = Set.of("create", "reset", "revoke", "list");
    private static final Set<String> FLAGS = Set.of("--tenant", "--grace", "--stack", "--secret-prefix", "--region");
    private static final Pattern GRACE = Pattern.compile("(\\d{1,6})([smhd])");

    private final Map<String, String> env;
    private final TokenClients clients;
    private final Clock clock;

    public TokenCommand(Map<String, String> env, TokenClients clients, Clock clock) {
        this.env = Objects.requireNonNull(env);
        this.clients = Objects.requireNonNull(clients);
        this.clock = Objects.requireNonNull(clock);
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        int code = new TokenCommand(env, TokenClients.fromEnvironment(env), Clock.systemUTC())
                .run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (a == null) {
            out.println(USAGE);
            return 0;
        }
        try {
            String prefix = secretPrefix(a);
            try (SecretsManagerClient sm = clients.secretsManager(a.region())) {
                var admin = new TokenAdmin(new SecretsManagerTokenStore(sm, prefix), clock, new SecureRandom(),
                        new JsonLog(err, clock));
                execute(a, admin, out, err);
            }
            return 0;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // TokenStoreException and SDK failures (no credentials, stack not found): one line, no stack trace.
            err.println("error: " + firstLine(e));
            return 1;
        }
    }

    private void execute(Args a, TokenAdmin admin, PrintStream out, PrintStream err) {
        switch (a.command()) {
            case "create" -> {
                IssuedToken t = admin.create(a.tenant());
                out.println(t.token());
                err.println("Created API token " + t.tokenId() + " for tenant " + t.tenant()
                        + ". Copy it now: it cannot be shown again.");
            }
            case "reset" -> {
                IssuedToken t = admin.reset(a.tenant(), a.grace());
                out.println(t.token());
                err.println("Issued API token " + t.tokenId() + " for tenant " + t.tenant() + ". "
                        + (a.grace().isZero() ? "Previous tokens stopped working now."
                                : "The previous token keeps working until " + t.created().plus(a.grace()) + ".")
                        + " Users and groups are unchanged. Copy the token now: it cannot be shown again.");
            }
            case "revoke" -> {
                admin.revoke(a.tenant());
                err.println("Revoked every API token of tenant " + a.tenant() + ". Users and groups are unchanged.");
            }
            case "list" -> {
                List<TokenInfo> tokens = admin.list(a.tenant());
                out.printf("%-10s  %-20s  %s%n", "ID", "CREATED", "STATUS");
                for (TokenInfo t : tokens) out.printf("%-10s  %-20s  %s%n", t.id(), t.created(), t.status());
                if (tokens.isEmpty()) err.println("Tenant " + a.tenant() + " has no API tokens.");
            }
            default -> throw new UsageException("unknown command '" + a.command() + "'");
        }
    }

    private String secretPrefix(Args a) {
        if (a.secretPrefix() != null) return a.secretPrefix();
        if (a.stack() != null) {
            try (CloudFormationClient cfn = clients.cloudFormation(a.region())) {
                var stacks = cfn.describeStacks(b -> b.stackName(a.stack())).stacks();
                return stacks.stream().flatMap(s -> s.outputs().stream())
                        .filter(o -> STACK_OUTPUT.equals(o.outputKey())).map(Output::outputValue).findFirst()
                        .orElseThrow(() -> new IllegalStateException("stack " + a.stack() + " has no output "
                                + STACK_OUTPUT + ": deploy the current template.yaml or pass --secret-prefix"));
            } catch (SdkException e) {
                throw new IllegalStateException("could not read stack " + a.stack() + ": " + firstLine(e));
            }
        }
        String fromEnv = env.get("TOKEN_SECRET_PREFIX");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
        throw new UsageException("no token secrets named: pass --secret-prefix P or --stack NAME, or set "
                + "TOKEN_SECRET_PREFIX");
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The parsed command line; {@code parse} returns null for --help. */
    record Args(String command, String tenant, Duration grace, String stack, String secretPrefix, String region) {
        static Args parse(String[] args) {
            if (args.length == 0) throw new UsageException("missing command");
            if (Set.of("-h", "--help", "help").contains(args[0])) return null;
            String command = args[0];
            if (!COMMANDS.contains(command)) throw new UsageException("unknown command '" + command + "'");
            Map<String, String> flags = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                String value;
                int eq = flag.indexOf('=');
                if (flag.startsWith("--") && eq > 0) {
                    value = flag.substring(eq + 1);
                    flag = flag.substring(0, eq);
                } else {
                    if (i + 1 >= args.length) throw new UsageException(flag + " needs a value");
                    value = args[++i];
                }
                if (!FLAGS.contains(flag)) throw new UsageException("unknown option '" + flag + "'");
                if (flags.put(flag, value) != null) throw new UsageException(flag + " given twice");
                if (value.isBlank()) throw new UsageException(flag + " needs a value");
            }
            String tenant = flags.get("--tenant");
            if (tenant == null) throw new UsageException("--tenant is required");
            if (!ApiToken.isValidTenant(tenant)) {
                try {
                    ApiToken.requireTenant(tenant);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            Duration grace = Duration.ZERO;
            if (flags.containsKey("--grace")) {
                if (!command.equals("reset")) throw new UsageException("--grace only applies to reset");
                grace = grace(flags.get("--grace"));
            }
            return new Args(command, tenant, grace, flags.get("--stack"), flags.get("--secret-prefix"),
                    flags.get("--region"));
        }

        static Duration grace(String text) {
            Matcher m = GRACE.matcher(text.trim());
            if (!m.matches()) throw new UsageException("--grace '" + text + "' is not a duration like 15m, 2h or 1d");
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new UsageException("--grace unit must be s, m, h or d");
            };
        }
    }

    /** A command line the tool cannot run: exit code 2 with the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
