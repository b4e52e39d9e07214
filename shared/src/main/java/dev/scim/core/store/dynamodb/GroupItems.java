package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.DynamoDbKeys.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.model.GroupResource;
import dev.scim.core.model.Member;
import dev.scim.core.model.Meta;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps groups, name claims and memberships to and from their items. The layout is documented on
 * {@link DynamoDbGroupStore}; keeping the mapping in one place keeps writes and reads from drifting apart.
 */
final class GroupItems {
    static final String ID = "id";
    static final String DISPLAY_NAME = "displayName";
    static final String DISPLAY_NAME_LOWER = "displayNameLower";
    static final String EXTERNAL_ID = "externalId";
    static final String DOC = "doc";
    static final String VERSION = "version";
    static final String CREATED = "created";
    static final String LAST_MODIFIED = "lastModified";
    static final String USER_ID = "userId";
    static final String DISPLAY = "display";
    static final String GROUPS_COUNTER = "groups";

    private GroupItems() {}

    static Map<String, AttributeValue> groupItem(String tenant, GroupResource group) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(group(tenant, group.id())));
        item.put(SK, s(GROUP_SK));
        item.put(ID, s(group.id()));
        item.put(DISPLAY_NAME, s(group.displayName()));
        item.put(DISPLAY_NAME_LOWER, s(lower(group.displayName())));
        group.externalId().ifPresent(ext -> {
            item.put(EXTERNAL_ID, s(ext));
            item.put(GSI3_PK, s(groupExternalId(tenant, ext)));
            item.put(GSI3_SK, s(group.id()));
        });
        item.put(DOC, s(Json.write(group.attributes())));
        item.put(VERSION, n(group.meta().version()));
        item.put(CREATED, s(group.meta().created().toString()));
        item.put(LAST_MODIFIED, s(group.meta().lastModified().toString()));
        item.put(GSI1_PK, s(groups(tenant)));
        item.put(GSI1_SK, s(listSortKey(group.meta().created(), group.id())));
        return item;
    }

    static GroupResource toGroup(Map<String, AttributeValue> item) {
        JsonNode doc;
        try {
            doc = Json.parse(item.get(DOC).s());
        } catch (JsonProcessingException e) {
            // Only this class writes doc; an unreadable one is corrupt data, not a client error.
            throw new IllegalStateException("stored group document is not JSON: " + item.get(ID).s());
        }
        if (!(doc instanceof ObjectNode attributes)) {
            throw new IllegalStateException("stored group document is not an object: " + item.get(ID).s());
        }
        Meta meta = new Meta(Instant.parse(item.get(CREATED).s()), Instant.parse(item.get(LAST_MODIFIED).s()),
                Long.parseLong(item.get(VERSION).n()));
        return new GroupResource(item.get(ID).s(), attributes, meta);
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
        return Map.of(PK, s(stats(tenant)), SK, s(STATS_SK));
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

    static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }
}
