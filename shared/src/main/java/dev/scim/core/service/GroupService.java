package dev.scim.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.filter.CompareOp;
import dev.scim.core.filter.Filter;
import dev.scim.core.filter.FilterEvaluator;
import dev.scim.core.json.Json;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Meta;
import dev.scim.core.model.Page;
import dev.scim.core.model.ResourceType;
import dev.scim.core.patch.PatchEngine;
import dev.scim.core.patch.PatchOperation;
import dev.scim.core.patch.PatchPath;
import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.wire.ResourceViews;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rules for groups and memberships, shared by every SCIM dialect. Memberships are separate stored items: the
 * group document holds only its own attributes, so a rename never touches members and a member change never
 * rewrites the group. Every member must be a user of the same tenant; a request naming any other id changes
 * nothing.
 */
public final class GroupService {
    private static final String MEMBERS = "members";

    private final GroupStore groups;
    private final UserStore users;
    private final Clock clock;
    private final int filterMaxResults;
    private final int membersLimit;

    public GroupService(GroupStore groups, UserStore users, Clock clock, int filterMaxResults, int membersLimit) {
        this.groups = groups;
        this.users = users;
        this.clock = clock;
        this.filterMaxResults = filterMaxResults;
        this.membersLimit = membersLimit;
    }

    /** A group as clients read it; {@code members} is null where not loaded (lists, PATCH). */
    public record GroupView(GroupResource group, List<Member> members) {}

    public GroupView create(String tenant, ObjectNode body) {
        List<Member> members = MemberChanges.parse(AttributeRules.find(body, MEMBERS));
        ObjectNode attributes = AttributeRules.sanitize(body, ResourceType.GROUP);
        AttributeRules.validate(attributes, ResourceType.GROUP);
        requireUsers(tenant, members);
        GroupResource group = new GroupResource(UUID.randomUUID().toString(), attributes,
                Meta.createdAt(clock.instant()));
        groups.create(tenant, group, members);
        return new GroupView(group, firstMembers(members));
    }

    /** Members up to the configured limit, in user-id order (docs/groups.md explains the cap). */
    public GroupView get(String tenant, String id) {
        GroupResource group = require(tenant, id);
        return new GroupView(group, groups.members(tenant, id, membersLimit));
    }

    /** PUT: attributes and the whole member list are replaced; a body without {@code members} empties the group. */
    public GroupView replace(String tenant, String id, ObjectNode body, Long ifMatch) {
        MemberChanges changes = new MemberChanges();
        changes.clear();
        MemberChanges.parse(AttributeRules.find(body, MEMBERS)).forEach(changes::add);
        ObjectNode attributes = AttributeRules.sanitize(body, ResourceType.GROUP);
        AttributeRules.validate(attributes, ResourceType.GROUP);
        requireUsers(tenant, changes.adds());
        GroupResource updated = Versions.retrying(ifMatch, () -> store(tenant, require(tenant, id), attributes,
                ifMatch));
        updated = applyMembers(tenant, updated, changes);
        return new GroupView(updated, groups.members(tenant, id, membersLimit));
    }

    /**
     * PATCH: member operations become one batched membership change, the rest is applied to the group document.
     * Everything is validated before anything is written. Returns the group without members (cheap: Okta sends a
     * PATCH with every membership change).
     */
    public GroupView patch(String tenant, String id, List<PatchOperation> operations, Long ifMatch) {
        GroupResource current = require(tenant, id);
        MemberChanges changes = new MemberChanges();
        List<PatchOperation> attributeOps = new ArrayList<>();
        for (PatchOperation op : operations) split(tenant, id, op, changes, attributeOps);
        requireUsers(tenant, changes.adds());

        GroupResource updated = current;
        if (!attributeOps.isEmpty()) {
            // Validate against the state we read now, so a bad operation fails before any membership is written.
            patchedAttributes(current, attributeOps);
            updated = Versions.retrying(ifMatch, current, () -> require(tenant, id),
                    latest -> store(tenant, latest, patchedAttributes(latest, attributeOps), ifMatch));
        } else {
            Versions.checkIfMatch(ifMatch, current.meta().version(), "group " + id);
        }
        return new GroupView(applyMembers(tenant, updated, changes), null);
    }

    public void delete(String tenant, String id) {
        groups.delete(tenant, id);
    }

    public Page<GroupResource> list(String tenant, ListQuery query) {
        return Listing.run(query, new Listing.Source<>() {
            @Override
            public Page<GroupResource> page(int startIndex, int count) {
                return groups.list(tenant, startIndex, count);
            }

            @Override
            public Optional<List<GroupResource>> lookup(String attribute, String value) {
                if (attribute.equalsIgnoreCase("displayName")) {
                    return Optional.of(groups.findByDisplayName(tenant, value).stream().toList());
                }
                if (attribute.equalsIgnoreCase("id")) return Optional.of(groups.get(tenant, value).stream().toList());
                if (attribute.equalsIgnoreCase("externalId")) {
                    return Optional.of(groups.findByExternalId(tenant, value));
                }
                return Optional.empty();
            }

            @Override
            public List<GroupResource> all(int max) {
                return groups.all(tenant, max);
            }

            @Override
            public ObjectNode view(GroupResource group) {
                return ResourceViews.group(group, null, "");
            }
        }, ResourceType.GROUP, filterMaxResults);
    }

    private ObjectNode patchedAttributes(GroupResource group, List<PatchOperation> ops) {
        ObjectNode patched = PatchEngine.apply(group.attributes(), ops, ResourceType.GROUP);
        ObjectNode attributes = AttributeRules.sanitize(patched, ResourceType.GROUP);
        AttributeRules.validate(attributes, ResourceType.GROUP);
        return attributes;
    }

    /** Writes only on a real change: Okta repeats the displayName in every membership PATCH. */
    private GroupResource store(String tenant, GroupResource current, ObjectNode attributes, Long ifMatch) {
        Versions.checkIfMatch(ifMatch, current.meta().version(), "group " + current.id());
        if (attributes.equals(current.attributes())) return current;
        GroupResource next = current.with(attributes, current.meta().next(clock.instant()));
        groups.replace(tenant, next, current.meta().version());
        return next;
    }

    private GroupResource applyMembers(String tenant, GroupResource group, MemberChanges changes) {
        if (changes.isEmpty()) return group;
        Set<String> removes = new HashSet<>(changes.removes());
        if (changes.clearsFirst()) {
            Set<String> keep = new HashSet<>();
            changes.adds().forEach(m -> keep.add(m.value()));
            for (String existing : groups.memberIds(tenant, group.id())) {
                if (!keep.contains(existing)) removes.add(existing);
            }
        }
        if (changes.adds().isEmpty() && removes.isEmpty()) return group;
        groups.changeMembers(tenant, group.id(), changes.adds(), removes, clock.instant());
        return group;
    }

    /** Routes one operation: {@code members} targets go to the membership change, the rest to the document. */
    private void split(String tenant, String groupId, PatchOperation op, MemberChanges changes,
            List<PatchOperation> attributeOps) {
        PatchPath path = op.path();
        if (path == null) {
            JsonNode value = switch (op) {
                case PatchOperation.Add a -> a.value();
                case PatchOperation.Replace r -> r.value();
                case PatchOperation.Remove r -> throw new IllegalStateException("remove always has a path");
            };
            if (!value.isObject()) {
                throw new ScimException.InvalidValue("A PATCH operation without a path needs an object value.");
            }
            ObjectNode rest = value.deepCopy();
            JsonNode members = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = rest.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(MEMBERS)) {
                    members = e.getValue();
                    it.remove();
                }
            }
            if (members != null) {
                if (op instanceof PatchOperation.Replace) changes.clear();
                MemberChanges.parse(members).forEach(changes::add);
            }
            if (!rest.isEmpty()) {
                attributeOps.add(op instanceof PatchOperation.Add ? new PatchOperation.Add(null, rest)
                        : new PatchOperation.Replace(null, rest));
            }
            return;
        }
        if (!path.attribute().attribute().equalsIgnoreCase(MEMBERS) || path.attribute().schemaUrn() != null) {
            attributeOps.add(op);
            return;
        }
        if (path.attribute().subAttribute() != null || path.subAttribute() != null) {
            throw new ScimException.InvalidPath("Only whole members can be added or removed; to change a member, "
                    + "remove it and add it again.");
        }
        switch (op) {
            case PatchOperation.Add a -> {
                if (path.valueFilter() != null) {
                    throw new ScimException.InvalidPath("'add' to members takes no filter; send the members as the "
                            + "value.");
                }
                MemberChanges.parse(asArray(a.value())).forEach(changes::add);
            }
            case PatchOperation.Replace r -> {
                if (path.valueFilter() != null) {
                    throw new ScimException.InvalidPath("'replace' on filtered members is not supported; remove and "
                            + "add members instead.");
                }
                changes.clear();
                MemberChanges.parse(asArray(r.value())).forEach(changes::add);
            }
            case PatchOperation.Remove r -> {
                if (path.valueFilter() == null) {
                    changes.clear();
                } else {
                    removedIds(tenant, groupId, path.valueFilter()).forEach(changes::remove);
                }
            }
        }
    }

    /**
     * The ids a member filter selects. The common form ({@code value eq "id"}, or several joined by {@code or})
     * is read directly; anything else is evaluated against the current members.
     */
    private List<String> removedIds(String tenant, String groupId, Filter filter) {
        List<String> direct = new ArrayList<>();
        if (collectValueEquals(filter, direct)) return direct;
        List<String> out = new ArrayList<>();
        for (Member m : groups.members(tenant, groupId, Integer.MAX_VALUE)) {
            ObjectNode entry = Json.object().put("value", m.value());
            if (m.display() != null) entry.put("display", m.display());
            if (FilterEvaluator.matches(filter, entry, ResourceType.GROUP)) out.add(m.value());
        }
        return out;
    }

    private static boolean collectValueEquals(Filter f, List<String> out) {
        return switch (f) {
            case Filter.Compare c when c.op() == CompareOp.EQ && c.value().isTextual()
                    && c.path().schemaUrn() == null && c.path().subAttribute() == null
                    && c.path().attribute().equalsIgnoreCase("value") -> out.add(c.value().asText());
            case Filter.Or o -> collectValueEquals(o.left(), out) && collectValueEquals(o.right(), out);
            default -> false;
        };
    }

    private static JsonNode asArray(JsonNode v) {
        return v.isObject() ? Json.array().add(v) : v;
    }

    private void requireUsers(String tenant, Collection<Member> members) {
        if (members.isEmpty()) return;
        List<String> ids = members.stream().map(Member::value).toList();
        Set<String> found = users.existing(tenant, ids);
        List<String> unknown = ids.stream().filter(i -> !found.contains(i)).toList();
        if (!unknown.isEmpty()) {
            String shown = String.join(", ", unknown.subList(0, Math.min(5, unknown.size())));
            throw new ScimException.InvalidValue("Member value(s) " + shown + (unknown.size() > 5 ? ", …" : "")
                    + " are not users of this tenant; nothing was changed.");
        }
    }

    /** The same order and cap as a later read ({@link GroupStore#members}), so create and GET agree. */
    private List<Member> firstMembers(List<Member> members) {
        List<Member> sorted = members.stream().sorted(Comparator.comparing(Member::value)).toList();
        return sorted.size() <= membersLimit ? sorted : sorted.subList(0, membersLimit);
    }

    private GroupResource require(String tenant, String id) {
        return groups.get(tenant, id)
                .orElseThrow(() -> new ScimException.NotFound("Group " + id + " not found."));
    }
}
