package dev.scim.core.token;

import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where token verification material lives. Tenants are spread over {@link #SHARDS} shards by the first byte of
 * SHA-256(tenant), so the authorizer reads (and caches) one shard per tenant and 10,000 tenants cost 256 secrets,
 * not 10,000 (sizing in docs/tokens.md).
 */
public interface TokenMaterialStore {
    int SHARDS = 256;

    /** The shard holding {@code tenant}'s tokens: two lower-case hex digits. */
    static String shardOf(String tenant) {
        return HexFormat.of().toHexDigits(ApiToken.sha256(tenant)[0]);
    }

    /** One shard as currently stored; {@link TokenShard#EMPTY} if it was never written. */
    TokenShard readShard(String shard);

    default List<TokenRecord> tokens(String tenant) {
        return readShard(shardOf(tenant)).tokens(tenant);
    }

    /**
     * Atomically replaces {@code tenant}'s records with {@code change} applied to the current ones, and returns
     * the stored result. {@code change} may run more than once when another writer wins a race, so it must be a
     * pure function; an exception it throws aborts the update and propagates unchanged.
     *
     * @throws TokenStoreException if the store refuses the write or stays contended
     */
    List<TokenRecord> update(String tenant, UnaryOperator<List<TokenRecord>> change);
}
