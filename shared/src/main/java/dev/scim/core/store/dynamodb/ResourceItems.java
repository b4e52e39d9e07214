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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What user and group items have in common: {@code id}, the SCIM document as JSON in {@code doc}, {@code version},
 * {@code created}, {@code lastModified}, the list index (gsi1) and the externalId index (gsi3). The attribute names
 * are a published format (docs/data-model.md): the vendor's product reads these items.
 */
final class ResourceItems {
    static final String ID = "id";
    static final String EXTERNAL_ID = "externalId";
    static final String DOC = "doc";
    static final String VERSION = "version";
    static final String CREATED = "created";
    static final String LAST_MODIFIED = "lastModified";

    private ResourceItems() {}

    /**
     * @param listPk        the gsi1 partition (the tenant's users or groups)
     * @param externalIdPk  the gsi3 partition for the externalId, when there is one
     */
    static Map<String, AttributeValue> item(Map<String, AttributeValue> key, String id, ObjectNode attributes,
            Meta meta, String listPk, Optional<String> externalId, Optional<String> externalIdPk) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(ID, s(id));
        item.put(DOC, s(Json.write(attributes)));
        item.put(VERSION, n(meta.version()));
        item.put(CREATED, s(meta.created().toString()));
        item.put(LAST_MODIFIED, s(meta.lastModified().toString()));
        item.put(GSI1_PK, s(listPk));
        item.put(GSI1_SK, s(DynamoDbKeys.listSortKey(meta.created(), id)));
        externalId.ifPresent(ext -> {
            item.put(EXTERNAL_ID, s(ext));
            item.put(GSI3_PK, s(externalIdPk.orElseThrow()));
            item.put(GSI3_SK, s(id));
        });
        return item;
    }

    /** The stored document; an unreadable one is corrupt data (a server fault), never a client's error. */
    static ObjectNode attributes(Map<String, AttributeValue> item, String kind) {
        JsonNode doc;
        try {
            doc = Json.parse(item.get(DOC).s());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + kind + " document is not JSON: " + item.get(ID).s());
        }
        if (!(doc instanceof ObjectNode attributes)) {
            throw new IllegalStateException("stored " + kind + " document is not an object: " + item.get(ID).s());
        }
        return attributes;
    }

    static Meta meta(Map<String, AttributeValue> item) {
        return new Meta(Instant.parse(item.get(CREATED).s()), Instant.parse(item.get(LAST_MODIFIED).s()),
                Long.parseLong(item.get(VERSION).n()));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static Map<String, AttributeValue> statsKey(String tenant) {
        return key(DynamoDbKeys.stats(tenant), DynamoDbKeys.STATS_SK);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
