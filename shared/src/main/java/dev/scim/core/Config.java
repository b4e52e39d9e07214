package dev.scim.core;

import java.time.Duration;
import java.util.Map;

/**
 * Configuration, read once at init from the environment and validated there (a bad value fails the cold start
 * with a message naming the variable, not a request later). It also feeds /ServiceProviderConfig(s).
 * Every variable is listed in the README.
 *
 * @param tableName          TABLE_NAME: the DynamoDB table
 * @param tokenSecretPrefix  TOKEN_SECRET_PREFIX: name prefix of the Secrets Manager secrets holding token hashes
 * @param tokenCacheTtl      TOKEN_CACHE_TTL_SECONDS: how long the authorizer trusts a secret it read (default 60)
 * @param maxPageSize        MAX_PAGE_SIZE: largest {@code count} honoured on lists (default 1000)
 * @param filterMaxResults   FILTER_MAX_RESULTS: most resources an unindexed filter may examine (default 10000)
 * @param groupMembersLimit  GROUP_MEMBERS_LIMIT: most members returned with one group (default 10000), keeping a
 *                           response far below Lambda's 6 MB cap
 */
public record Config(String tableName, String tokenSecretPrefix, Duration tokenCacheTtl, int maxPageSize,
        int filterMaxResults, int groupMembersLimit) {

    public static final String DEFAULT_TABLE = "scim";
    public static final String DEFAULT_SECRET_PREFIX = "scim/tokens";

    public Config {
        require(tableName != null && !tableName.isBlank(), "TABLE_NAME must not be empty");
        require(tokenSecretPrefix != null && !tokenSecretPrefix.isBlank(), "TOKEN_SECRET_PREFIX must not be empty");
        require(!tokenCacheTtl.isNegative(), "TOKEN_CACHE_TTL_SECONDS must be 0 or more");
        require(maxPageSize >= 1, "MAX_PAGE_SIZE must be at least 1");
        require(filterMaxResults >= 1, "FILTER_MAX_RESULTS must be at least 1");
        require(groupMembersLimit >= 0, "GROUP_MEMBERS_LIMIT must be 0 or more");
    }

    public static Config defaults() {
        return new Config(DEFAULT_TABLE, DEFAULT_SECRET_PREFIX, Duration.ofSeconds(60), 1000, 10_000, 10_000);
    }

    public static Config fromEnvironment() { return fromEnvironment(System.getenv()); }

    public static Config fromEnvironment(Map<String, String> env) {
        Config d = defaults();
        return new Config(
                env.getOrDefault("TABLE_NAME", d.tableName()),
                env.getOrDefault("TOKEN_SECRET_PREFIX", d.tokenSecretPrefix()),
                Duration.ofSeconds(number(env, "TOKEN_CACHE_TTL_SECONDS", d.tokenCacheTtl().toSeconds())),
                (int) number(env, "MAX_PAGE_SIZE", d.maxPageSize()),
                (int) number(env, "FILTER_MAX_RESULTS", d.filterMaxResults()),
                (int) number(env, "GROUP_MEMBERS_LIMIT", d.groupMembersLimit()));
    }

    public Config withTokenCacheTtl(Duration ttl) {
        return new Config(tableName, tokenSecretPrefix, ttl, maxPageSize, filterMaxResults, groupMembersLimit);
    }

    public Config withTableName(String table) {
        return new Config(table, tokenSecretPrefix, tokenCacheTtl, maxPageSize, filterMaxResults, groupMembersLimit);
    }

    public Config withTokenSecretPrefix(String prefix) {
        return new Config(tableName, prefix, tokenCacheTtl, maxPageSize, filterMaxResults, groupMembersLimit);
    }

    public Config withLimits(int maxPage, int filterMax, int membersLimit) {
        return new Config(tableName, tokenSecretPrefix, tokenCacheTtl, maxPage, filterMax, membersLimit);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalStateException(message);
    }
}
