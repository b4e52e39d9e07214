package dev.scim.core.store;

import dev.scim.core.error.ScimException;
import dev.scim.core.model.GroupRef;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The port through which services keep groups and memberships. One membership is one stored item, so groups of
 * 100,000 members fit, and adding or removing members never rewrites the group document. Every method is
 * scoped to the tenant. Member user ids are validated by the service before they reach this port.
 */
public interface GroupStore {

    /**
     * Stores a new group (version 1) and its initial members.
     *
     * @throws ScimException.UniquenessConflict when the tenant has a group with this displayName ignoring case
     */
    void create(String tenant, GroupResource group, Collection<Member> members);

    Optional<GroupResource> get(String tenant, String id);

    /** The group whose displayName equals the given one ignoring case; a key lookup. */
    Optional<GroupResource> findByDisplayName(String tenant, String displayName);

    /** Groups whose externalId equals the given one exactly. */
    List<GroupResource> findByExternalId(String tenant, String externalId);

    /**
     * Replaces the group's attributes (not its members); {@code group.meta().version()} must be
     * {@code expectedVersion + 1}. A changed displayName moves the uniqueness claim atomically.
     *
     * @throws ScimException.NotFound, VersionMismatch, UniquenessConflict as for users
     */
    void replace(String tenant, GroupResource group, long expectedVersion);

    /** Deletes the group, its name claim and all its memberships. @throws ScimException.NotFound */
    void delete(String tenant, String id);

    /** One page of groups in stable order (creation, then id); {@code totalResults} is the tenant's group count. */
    Page<GroupResource> list(String tenant, int startIndex, int count);

    /** Every group in list order, for unindexed filters. @throws ScimException.TooMany beyond {@code max} */
    List<GroupResource> all(String tenant, int max);

    /**
     * Adds members (idempotent: an existing membership keeps one item, its display updated) and removes
     * members by user id (absent ones are ignored), then bumps the group's version by one and sets
     * {@code lastModified}, without a version condition: membership changes commute, so concurrent changes to
     * one group never lose each other. Writes are batched.
     *
     * @throws ScimException.NotFound when the group does not exist
     */
    void changeMembers(String tenant, String groupId, Collection<Member> add, Collection<String> removeUserIds,
            Instant now);

    /** Up to {@code limit} members in user-id order. */
    List<Member> members(String tenant, String groupId, int limit);

    /** The ids of all members, for computing the difference a full replace of the member list needs. */
    Set<String> memberIds(String tenant, String groupId);

    /** The groups a user belongs to, with their current displayNames (so a rename shows at once). */
    List<GroupRef> groupsOf(String tenant, String userId);

    /** Removes the user from every group it belongs to (bumping those groups' versions). */
    void removeUserFromAllGroups(String tenant, String userId, Instant now);
}
