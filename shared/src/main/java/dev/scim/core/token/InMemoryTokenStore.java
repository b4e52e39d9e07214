package dev.scim.core.token;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** Token material in memory, for {@code ./scim local} and tests. Thread-safe: updates are atomic per shard. */
public final class InMemoryTokenStore implements TokenMaterialStore {
    private final ConcurrentMap<String, TokenShard> shards = new ConcurrentHashMap<>();

    @Override
    public TokenShard readShard(String shard) {
        return shards.getOrDefault(shard, TokenShard.EMPTY);
    }

    @Override
    public List<TokenRecord> update(String tenant, UnaryOperator<List<TokenRecord>> change) {
        ApiToken.requireTenant(tenant);
        TokenShard after = shards.compute(TokenMaterialStore.shardOf(tenant), (k, current) -> {
            TokenShard before = current == null ? TokenShard.EMPTY : current;
            return before.with(tenant, List.copyOf(change.apply(before.tokens(tenant))));
        });
        return after.tokens(tenant);
    }
}
