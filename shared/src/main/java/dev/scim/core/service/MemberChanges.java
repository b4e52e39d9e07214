package dev.scim.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.model.Member;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The net effect of a request's member operations, folded in order: later operations win over earlier ones, and
 * "clear" (a full push, or replacing {@code members}) forgets what came before it. Applied as one batched change
 * so a PATCH of 100 members costs a few batch writes, never 100 calls.
 */
final class MemberChanges {
    private boolean clearFirst;
    private final Map<String, Member> adds = new LinkedHashMap<>();
    private final Set<String> removes = new LinkedHashSet<>();

    void clear() {
        clearFirst = true;
        adds.clear();
        removes.clear();
    }

    void add(Member m) {
        removes.remove(m.value());
        adds.put(m.value(), m);
    }

    void remove(String userId) {
        adds.remove(userId);
        removes.add(userId);
    }

    boolean isEmpty() { return !clearFirst && adds.isEmpty() && removes.isEmpty(); }

    boolean clearsFirst() { return clearFirst; }

    Collection<Member> adds() { return adds.values(); }

    Set<String> removes() { return removes; }

    /**
     * Reads a {@code members} value (array of {@code {"value": userId, "display": …}}) with errors that name the
     * bad entry, so an administrator can find it in the identity provider.
     */
    static List<Member> parse(JsonNode members) {
        if (members == null || members.isNull()) return List.of();
        if (!members.isArray()) {
            throw new ScimException.InvalidValue("Attribute 'members' must be an array of {\"value\": \"<user id>\"}.");
        }
        Map<String, Member> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode m : members) {
            if (!m.isObject()) {
                throw new ScimException.InvalidValue("members[" + i + "] must be an object with a 'value' naming a "
                        + "user id.");
            }
            JsonNode value = ((ObjectNode) m).get("value");
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new ScimException.InvalidValue("members[" + i + "].value must be a non-empty string: the id "
                        + "of a user.");
            }
            JsonNode display = m.get("display");
            if (display != null && !display.isNull() && !display.isTextual()) {
                throw new ScimException.InvalidValue("members[" + i + "].display must be a string.");
            }
            String d = display == null || display.isNull() ? null : display.asText();
            out.put(value.asText(), new Member(value.asText(), d));
            i++;
        }
        return new ArrayList<>(out.values());
    }
}
