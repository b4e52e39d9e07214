package dev.scim.core.token;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Token material in Secrets Manager: one secret per shard, named {@code <prefix>/<shard>} (shard = two hex digits),
 * created on first write.
 *
 * <p>Writes are read-modify-write made safe with Secrets Manager's compare-and-swap: the new content is put as a
 * version carrying only the {@value #PENDING} label, then {@code UpdateSecretVersionStage(AWSCURRENT,
 * MoveToVersionId=new, RemoveFromVersionId=the version read)}. That call fails when AWSCURRENT is no longer on the
 * version this writer read (another admin won), and the write is retried on fresh content. Readers always ask for
 * AWSCURRENT explicitly, so a pending version is never seen.
 */
public final class SecretsManagerTokenStore implements TokenMaterialStore {
    /** Secrets Manager's limit on a secret value. */
    public static final int MAX_SECRET_BYTES = 65_536;
    static final String CURRENT = "AWSCURRENT";
    static final String PENDING = "SCIM_PENDING";
    private static final int MAX_ATTEMPTS = 8;

    private final SecretsManagerClient client;
    private final String prefix;

    public SecretsManagerTokenStore(SecretsManagerClient client, String prefix) {
        this.client = Objects.requireNonNull(client, "client");
        if (prefix == null || prefix.isBlank()) throw new IllegalArgumentException("token secret prefix is empty");
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    public String secretName(String shard) {
        return prefix + "/" + shard;
    }

    @Override
    public TokenShard readShard(String shard) {
        Snapshot s = read(secretName(shard));
        return s.shard();
    }

    @Override
    public List<TokenRecord> update(String tenant, UnaryOperator<List<TokenRecord>> change) {
        ApiToken.requireTenant(tenant);
        String name = secretName(TokenMaterialStore.shardOf(tenant));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Snapshot before = read(name);
            List<TokenRecord> current = before.shard().tokens(tenant);
            List<TokenRecord> next = List.copyOf(change.apply(current));
            if (next.equals(current)) return current;
            String json = before.shard().with(tenant, next).toJson();
            int size = json.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_SECRET_BYTES) {
                throw new TokenStoreException("secret " + name + " would hold " + size + " bytes, above Secrets "
                        + "Manager's " + MAX_SECRET_BYTES + "-byte limit: revoke unused tenants' tokens in this shard "
                        + "(see docs/tokens.md, sizing)");
            }
            if (before.versionId() == null ? create(name, json) : swap(name, before.versionId(), json)) return next;
            backOff(attempt);
        }
        throw new TokenStoreException("secret " + name + " kept changing while writing (another admin writing the "
                + "same shard?): try again");
    }

    /** The current value and its version id; an absent secret is an empty shard with no version. */
    private Snapshot read(String name) {
        try {
            GetSecretValueResponse r = client.getSecretValue(b -> b.secretId(name).versionStage(CURRENT));
            return new Snapshot(TokenShard.fromJson(r.secretString()), r.versionId());
        } catch (ResourceNotFoundException e) {
            return new Snapshot(TokenShard.EMPTY, null);
        } catch (SdkException e) {
            throw translate("read", name, e);
        }
    }

    /** First write of a shard. False when another writer created it first. */
    private boolean create(String name, String json) {
        try {
            client.createSecret(b -> b.name(name).secretString(json).clientRequestToken(UUID.randomUUID().toString())
                    .description("SCIM API token hashes (SHA-256) for the tenants of one shard; see docs/tokens.md"));
            return true;
        } catch (ResourceExistsException e) {
            return false;
        } catch (SdkException e) {
            throw translate("create", name, e);
        }
    }

    /** The compare-and-swap. False when AWSCURRENT moved away from {@code readVersion} since it was read. */
    private boolean swap(String name, String readVersion, String json) {
        String newVersion;
        try {
            newVersion = client.putSecretValue(b -> b.secretId(name).secretString(json)
                    .clientRequestToken(UUID.randomUUID().toString()).versionStages(PENDING)).versionId();
        } catch (SdkException e) {
            throw translate("write", name, e);
        }
        try {
            client.updateSecretVersionStage(b -> b.secretId(name).versionStage(CURRENT)
                    .moveToVersionId(newVersion).removeFromVersionId(readVersion));
            return true;
        } catch (SdkException e) {
            // The service reports a lost race as an invalid parameter; tell it apart from a real failure by
            // checking where AWSCURRENT is now.
            if (!readVersion.equals(read(name).versionId())) return false;
            throw translate("write", name, e);
        }
    }

    private static void backOff(int attempt) {
        long cap = Math.min(1000, 25L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenStoreException("interrupted while retrying a token write");
        }
    }

    private static TokenStoreException translate(String action, String name, SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            String code = ase.awsErrorDetails().errorCode();
            String hint = switch (ase.statusCode()) {
                case 400 -> "AccessDeniedException".equals(code) || "AccessDenied".equals(code)
                        ? ": check the IAM policy allows it on this secret" : "";
                case 403 -> ": check the IAM policy allows it on this secret";
                case 429 -> ": throttled, try again";
                default -> "";
            };
            return new TokenStoreException("Secrets Manager could not " + action + " secret " + name + " (" + code
                    + ", HTTP " + ase.statusCode() + ")" + hint);
        }
        return new TokenStoreException("Secrets Manager could not " + action + " secret " + name + " ("
                + e.getClass().getSimpleName() + "): check the network, region and credentials");
    }

    private record Snapshot(TokenShard shard, String versionId) {}
}
