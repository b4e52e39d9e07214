package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.DynamoDbKeys.*;

import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps groups, name claims and memberships to and from their items. The layout is documented on
 * {@link DynamoDbGroupStore}; keeping the mapping in one place keeps writes and reads from drifting apart.
 */
final class GroupItems {
    static final String ID = ResourceItems.ID;
    static final String DISPLAY_NAME = "displayName";
    static final String DISPLAY_NAME_LOWER = "displayNameLower";
    static final String EXTERNAL_ID = ResourceItems.EXTERNAL_ID;
    static final String DOC = ResourceItems.DOC;
    static final String VERSION = ResourceItems.VERSION;
    static final String CREATED = ResourceItems.CREATED;
    static final String LAST_MODIFIED = ResourceItems.LAST_MODIFIED;
    static final String USER_ID = "userId";
    static final String DISPLAY = "display";
    static final String GROUPS_COUNTER = "groups";

    private GroupItems() {}

    static Map<String, AttributeValue> groupItem(String tenant, GroupResource group) {
        Map<String, AttributeValue> item = ResourceItems.item(groupKey(tenant, group.id()), group.id(),
                group.attributes(), group.meta(), groups(tenant), group.externalId(),
                group.externalId().map(ext -> groupExternalId(tenant, ext)));
        item.put(DISPLAY_NAME, s(group.displayName()));
        item.put(DISPLAY_NAME_LOWER, s(lower(group.displayName())));
        return item;
    }

    static GroupResource toGroup(Map<String, AttributeValue> item) {
        return new GroupResource(item.get(ID).s(), ResourceItems.attributes(item, "group"), ResourceItems.meta(item));
    }

    static Map<String, AttributeValue> groupKey(String tenant, String id) {
        return Map.of(PK, s(group(tenant, id)), SK, s(GROUP_SK));
    }

    static Map<String, AttributeValue> claimItem(String tenant, String displayName, String id) {
        return Map.of(PK, s(groupName(tenant, displayName)), SK, s(GROUP_NAME_SK), ID, s(id));
    }

    static Map<String, AttributeValue> claimKey(String tenant, String displayName) {
        return Map.of(PK, s(groupName(tenant, displayName)), SK, s(GROUP_NAME_SK));
    }

    static Map<String, AttributeValue> statsKey(String tenant) {
        return ResourceItems.statsKey(tenant);
    }

    static Map<String, AttributeValue> membershipItem(String tenant, String groupId, Member member) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(group(tenant, groupId)));
        item.put(SK, s(memberSk(member.value())));
        item.put(USER_ID, s(member.value()));
        if (member.display() != null) item.put(DISPLAY, s(member.display()));
        item.put(GSI2_PK, s(userMemberships(tenant, member.value())));
        item.put(GSI2_SK, s(membershipGroupSk(groupId)));
        return item;
    }

    static Map<String, AttributeValue> membershipKey(String tenant, String groupId, String userId) {
        return Map.of(PK, s(group(tenant, groupId)), SK, s(memberSk(userId)));
    }

    static Member toMember(Map<String, AttributeValue> item) {
        AttributeValue display = item.get(DISPLAY);
        return new Member(userIdOf(item), display == null ? null : display.s());
    }

    /** The member's user id from the sort key, so key-only projections suffice. */
    static String userIdOf(Map<String, AttributeValue> item) {
        return item.get(SK).s().substring(MEMBER_SK_PREFIX.length());
    }

    /** The group id of a membership seen through gsi2 (whose sort key is {@code G#{groupId}}). */
    static String groupIdOfMembership(Map<String, AttributeValue> indexKey) {
        return indexKey.get(GSI2_SK).s().substring(membershipGroupSk("").length());
    }

    static AttributeValue s(String value) { return ResourceItems.s(value); }

    static AttributeValue n(long value) { return ResourceItems.n(value); }
}
