package dev.scim.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.model.GroupRef;
import dev.scim.core.model.Meta;
import dev.scim.core.model.Page;
import dev.scim.core.model.ResourceType;
import dev.scim.core.model.UserResource;
import dev.scim.core.patch.PatchEngine;
import dev.scim.core.patch.PatchOperation;
import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.wire.ResourceViews;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules for users (RFC 7644 §3.3–3.6), shared by every SCIM dialect. Deactivation is {@code active:false} by
 * PUT or PATCH; a deactivated user stays readable and filterable. Only {@link #delete} removes a user, and with it
 * its memberships.
 */
public final class UserService {
    private final UserStore users;
    private final GroupStore groups;
    private final Clock clock;
    private final int filterMaxResults;

    public UserService(UserStore users, GroupStore groups, Clock clock, int filterMaxResults) {
        this.users = users;
        this.groups = groups;
        this.clock = clock;
        this.filterMaxResults = filterMaxResults;
    }

    /** A user with its groups as clients read it; {@code groups} is null where not loaded (lists). */
    public record UserView(UserResource user, List<GroupRef> groups) {}

    public UserView create(String tenant, ObjectNode body) {
        ObjectNode attributes = AttributeRules.sanitize(body, ResourceType.USER);
        AttributeRules.validate(attributes, ResourceType.USER);
        UserResource user = new UserResource(UUID.randomUUID().toString(), attributes,
                Meta.createdAt(clock.instant()));
        users.create(tenant, user);
        return new UserView(user, List.of());
    }

    public UserView get(String tenant, String id) {
        UserResource user = require(tenant, id);
        return new UserView(user, groups.groupsOf(tenant, id));
    }

    /** PUT: the body replaces every client-settable attribute; read-only ones it echoes are ignored. */
    public UserView replace(String tenant, String id, ObjectNode body, Long ifMatch) {
        ObjectNode attributes = AttributeRules.sanitize(body, ResourceType.USER);
        AttributeRules.validate(attributes, ResourceType.USER);
        return Versions.retrying(ifMatch, () -> store(tenant, require(tenant, id), attributes, ifMatch));
    }

    public UserView patch(String tenant, String id, List<PatchOperation> operations, Long ifMatch) {
        return Versions.retrying(ifMatch, () -> {
            UserResource current = require(tenant, id);
            ObjectNode patched = PatchEngine.apply(current.attributes(), operations, ResourceType.USER);
            ObjectNode attributes = AttributeRules.sanitize(patched, ResourceType.USER);
            AttributeRules.validate(attributes, ResourceType.USER);
            return store(tenant, current, attributes, ifMatch);
        });
    }

    /** An unknown id costs one empty membership query before the store's NotFound; a known one no extra read. */
    public void delete(String tenant, String id) {
        groups.removeUserFromAllGroups(tenant, id, clock.instant());
        users.delete(tenant, id);
    }

    public Page<UserResource> list(String tenant, ListQuery query) {
        return Listing.run(query, new Listing.Source<>() {
            @Override
            public Page<UserResource> page(int startIndex, int count) {
                return users.list(tenant, startIndex, count);
            }

            @Override
            public Optional<List<UserResource>> lookup(String attribute, String value) {
                if (attribute.equalsIgnoreCase("userName")) {
                    return Optional.of(users.findByUserName(tenant, value).stream().toList());
                }
                if (attribute.equalsIgnoreCase("id")) return Optional.of(users.get(tenant, value).stream().toList());
                if (attribute.equalsIgnoreCase("externalId")) {
                    return Optional.of(users.findByExternalId(tenant, value));
                }
                return Optional.empty();
            }

            @Override
            public List<UserResource> all(int max) {
                return users.all(tenant, max);
            }

            @Override
            public ObjectNode view(UserResource user) {
                return ResourceViews.user(user, null, "");
            }
        }, ResourceType.USER, filterMaxResults);
    }

    /** Writes only when something changed, so an identity provider's repeated identical update costs one read. */
    private UserView store(String tenant, UserResource current, ObjectNode attributes, Long ifMatch) {
        Versions.checkIfMatch(ifMatch, current.meta().version(), "user " + current.id());
        UserResource next = current;
        if (!attributes.equals(current.attributes())) {
            next = current.with(attributes, current.meta().next(clock.instant()));
            users.replace(tenant, next, current.meta().version());
        }
        return new UserView(next, groups.groupsOf(tenant, next.id()));
    }

    private UserResource require(String tenant, String id) {
        return users.get(tenant, id)
                .orElseThrow(() -> new ScimException.NotFound("User " + id + " not found."));
    }
}
