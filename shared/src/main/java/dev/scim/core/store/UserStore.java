package dev.scim.core.store;

import dev.scim.core.error.ScimException;
import dev.scim.core.model.Page;
import dev.scim.core.model.UserResource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The port through which services keep users. Every method takes the tenant and touches nothing outside it.
 * Implementations: {@code InMemoryUserStore} (embedded, for ./scim local and tests) and {@code DynamoDbUserStore};
 * both pass the same contract test. Outcomes are domain exceptions, never SDK exceptions.
 */
public interface UserStore {

    /**
     * Stores a new user whose {@code meta.version} is 1.
     *
     * @throws ScimException.UniquenessConflict when the tenant has a user whose userName equals this one
     *     ignoring case; atomically so, even under concurrent creates
     */
    void create(String tenant, UserResource user);

    /** Strongly consistent read by id. */
    Optional<UserResource> get(String tenant, String id);

    /** The user whose userName equals the given one ignoring case; a key lookup, never a scan. */
    Optional<UserResource> findByUserName(String tenant, String userName);

    /** Users whose externalId equals the given one exactly (case-sensitive), in list order. */
    List<UserResource> findByExternalId(String tenant, String externalId);

    /**
     * Replaces the stored user with {@code user}, whose {@code meta.version} must be {@code expectedVersion + 1}.
     * A changed userName moves the uniqueness claim in the same atomic write.
     *
     * @throws ScimException.NotFound when no such user exists
     * @throws ScimException.VersionMismatch when the stored version is not {@code expectedVersion}
     * @throws ScimException.UniquenessConflict when the new userName is taken by another user
     */
    void replace(String tenant, UserResource user, long expectedVersion);

    /**
     * Deletes the user and its userName claim. Memberships are not this port's: the service removes them
     * through {@link GroupStore#removeUserFromAllGroups}.
     *
     * @throws ScimException.NotFound when no such user exists
     */
    void delete(String tenant, String id);

    /**
     * One page of the tenant's users in a stable order (creation time, then id), so that offset paging across
     * requests neither skips nor repeats users. {@code totalResults} is the tenant's user count.
     */
    Page<UserResource> list(String tenant, int startIndex, int count);

    /**
     * Every user of the tenant in list order, for filters that no key answers.
     *
     * @throws ScimException.TooMany when the tenant has more than {@code max} users
     */
    List<UserResource> all(String tenant, int max);

    /** The subset of {@code ids} that name users of this tenant; one batched read, not one call per id. */
    Set<String> existing(String tenant, Collection<String> ids);
}
