package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.DynamoDbKeys.PK;
import static dev.scim.core.store.dynamodb.DynamoDbKeys.SK;

import dev.scim.core.model.UserResource;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Translates between {@link UserResource} and the DynamoDB items that hold a user (see {@link DynamoDbUserStore}
 * for the attribute list). The attribute names are a published format: the vendor's product reads these items.
 */
final class UserItems {
    static final String ID = ResourceItems.ID;
    static final String USER_NAME = "userName";
    static final String USER_NAME_LOWER = "userNameLower";
    static final String EXTERNAL_ID = ResourceItems.EXTERNAL_ID;
    static final String ACTIVE = "active";
    static final String DOC = ResourceItems.DOC;
    static final String VERSION = ResourceItems.VERSION;
    static final String CREATED = ResourceItems.CREATED;
    static final String LAST_MODIFIED = ResourceItems.LAST_MODIFIED;
    /** The tenant counters item's attribute for users; the group store owns {@code groups} on the same item. */
    static final String USERS_COUNTER = "users";

    private UserItems() {}

    static Map<String, AttributeValue> userKey(String tenant, String id) {
        return key(DynamoDbKeys.user(tenant, id), DynamoDbKeys.USER_SK);
    }

    /** The table key of the user an index entry (which projects {@code pk}) points at. */
    static Map<String, AttributeValue> userKeyOf(Map<String, AttributeValue> indexEntry) {
        return key(indexEntry.get(PK).s(), DynamoDbKeys.USER_SK);
    }

    static Map<String, AttributeValue> claimKey(String tenant, String userName) {
        return key(DynamoDbKeys.userName(tenant, userName), DynamoDbKeys.USER_NAME_SK);
    }

    static Map<String, AttributeValue> statsKey(String tenant) {
        return ResourceItems.statsKey(tenant);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return ResourceItems.key(pk, sk);
    }

    /** The claim item that reserves a lower-cased userName for one user id. */
    static Map<String, AttributeValue> claim(String tenant, String userName, String id) {
        Map<String, AttributeValue> item = new HashMap<>(claimKey(tenant, userName));
        item.put(ID, s(id));
        return item;
    }

    static Map<String, AttributeValue> user(String tenant, UserResource user) {
        Map<String, AttributeValue> item = ResourceItems.item(userKey(tenant, user.id()), user.id(),
                user.attributes(), user.meta(), DynamoDbKeys.users(tenant), user.externalId(),
                user.externalId().map(ext -> DynamoDbKeys.userExternalId(tenant, ext)));
        item.put(USER_NAME, s(user.userName()));
        item.put(USER_NAME_LOWER, s(DynamoDbKeys.lower(user.userName())));
        item.put(ACTIVE, AttributeValue.fromBool(user.active()));
        return item;
    }

    static UserResource toUser(Map<String, AttributeValue> item) {
        return new UserResource(item.get(ID).s(), ResourceItems.attributes(item, "user"), ResourceItems.meta(item));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }

    static long number(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    static AttributeValue s(String value) {
        return ResourceItems.s(value);
    }

    static AttributeValue n(long value) {
        return ResourceItems.n(value);
    }
}
