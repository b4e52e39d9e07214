package dev.scim.core.store.dynamodb;

import static dev.scim.core.store.dynamodb.DynamoDbKeys.GSI1_PK;
import static dev.scim.core.store.dynamodb.DynamoDbKeys.GSI1_SK;
import static dev.scim.core.store.dynamodb.DynamoDbKeys.GSI3_PK;
import static dev.scim.core.store.dynamodb.DynamoDbKeys.GSI3_SK;
import static dev.scim.core.store.dynamodb.DynamoDbKeys.PK;
import static dev.scim.core.store.dynamodb.DynamoDbKeys.SK;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.model.Meta;
import dev.scim.core.model.UserResource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Translates between {@link UserResource} and the DynamoDB items that hold a user (see {@link DynamoDbUserStore}
 * for the attribute list). The attribute names are a published format: the vendor's product reads these items.
 */
final class UserItems {
    static final String ID = "id";
    static final String USER_NAME = "userName";
    static final String USER_NAME_LOWER = "userNameLower";
    static final String EXTERNAL_ID = "externalId";
    static final String ACTIVE = "active";
    static final String DOC = "doc";
    static final String VERSION = "version";
    static final String CREATED = "created";
    static final String LAST_MODIFIED = "lastModified";
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
        return key(DynamoDbKeys.stats(tenant), DynamoDbKeys.STATS_SK);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    /** The claim item that reserves a lower-cased userName for one user id. */
    static Map<String, AttributeValue> claim(String tenant, String userName, String id) {
        Map<String, AttributeValue> item = new HashMap<>(claimKey(tenant, userName));
        item.put(ID, s(id));
        return item;
    }

    static Map<String, AttributeValue> user(String tenant,
            UserResource user) {
        Map<String, AttributeValue> item = new HashMap<>(userKey(tenant, user.id()));
        Meta meta = user.meta();
        item.put(ID, s(user.id()));
        item.put(USER_NAME, s(user.userName()));
        item.put(USER_NAME_LOWER, s(DynamoDbKeys.lower(user.userName())));
        item.put(ACTIVE, AttributeValue.fromBool(user.active()));
        item.put(DOC, s(Json.write(user.attributes())));
        item.put(VERSION, n(meta.version()));
        item.put(CREATED, s(meta.created().toString()));
        item.put(LAST_MODIFIED, s(meta.lastModified().toString()));
        item.put(GSI1_PK, s(DynamoDbKeys.users(tenant)));
        item.put(GSI1_SK, s(DynamoDbKeys.listSortKey(meta.created(), user.id())));
        user.externalId().ifPresent(ext -> {
            item.put(EXTERNAL_ID, s(ext));
            item.put(GSI3_PK, s(DynamoDbKeys.userExternalId(tenant, ext)));
            item.put(GSI3_SK, s(user.id()));
        });
        return item;
    }

    static UserResource toUser(Map<String, AttributeValue> item) {
        JsonNode doc;
        try {
            doc = Json.parse(item.get(DOC).s());
        } catch (JsonProcessingException e) {
            // Only this class writes doc; an unreadable one is corrupt data, a server fault, not a client's.
            throw new IllegalStateException("stored user document is not JSON", e);
        }
        if (!(doc instanceof ObjectNode attributes)) {
            throw new IllegalStateException("stored user document is not a JSON object");
        }
        Meta meta = new Meta(Instant.parse(item.get(CREATED).s()), Instant.parse(item.get(LAST_MODIFIED).s()),
                Long.parseLong(item.get(VERSION).n()));
        return new UserResource(item.get(ID).s(), attributes, meta);
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
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
