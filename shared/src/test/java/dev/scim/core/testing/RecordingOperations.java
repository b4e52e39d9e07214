package dev.scim.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import dev.scim.core.wire.ScimOperations;
import dev.scim.core.wire.ScimRequest;
import dev.scim.core.wire.ScimResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A {@link ScimOperations} that records which operation was called with which request, and answers with an echo
 * of what it saw (or whatever a test sets). Lets handler and local-API tests check routing and request mapping
 * without the SCIM core. Thread-safe.
 */
public final class RecordingOperations implements ScimOperations {
    public record Call(String operation, ScimRequest request) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile BiFunction<String, ScimRequest, ScimResponse> responder = RecordingOperations::echo;

    public void respondWith(BiFunction<String, ScimRequest, ScimResponse> responder) { this.responder = responder; }

    public List<Call> calls() { return List.copyOf(calls); }

    public Call lastCall() {
        if (calls.isEmpty()) throw new AssertionError("no operation was called");
        return calls.get(calls.size() - 1);
    }

    /** 200 with {@code {"operation":…,"tenant":…,"id":…}}, so HTTP-level tests can see what reached the core. */
    public static ScimResponse echo(String operation, ScimRequest request) {
        ObjectNode body = Json.object();
        body.put("operation", operation);
        body.put("tenant", request.tenant());
        request.pathParam("id").ifPresent(id -> body.put("id", id));
        return new ScimResponse(200, Map.of("Content-Type", "application/json", "X-Operation", operation),
                Json.write(body));
    }

    private ScimResponse record(String operation, ScimRequest request) {
        calls.add(new Call(operation, request));
        return responder.apply(operation, request);
    }

    @Override public ScimResponse listUsers(ScimRequest r) { return record("listUsers", r); }
    @Override public ScimResponse getUser(ScimRequest r) { return record("getUser", r); }
    @Override public ScimResponse createUser(ScimRequest r) { return record("createUser", r); }
    @Override public ScimResponse replaceUser(ScimRequest r) { return record("replaceUser", r); }
    @Override public ScimResponse patchUser(ScimRequest r) { return record("patchUser", r); }
    @Override public ScimResponse deleteUser(ScimRequest r) { return record("deleteUser", r); }
    @Override public ScimResponse listGroups(ScimRequest r) { return record("listGroups", r); }
    @Override public ScimResponse getGroup(ScimRequest r) { return record("getGroup", r); }
    @Override public ScimResponse createGroup(ScimRequest r) { return record("createGroup", r); }
    @Override public ScimResponse replaceGroup(ScimRequest r) { return record("replaceGroup", r); }
    @Override public ScimResponse patchGroup(ScimRequest r) { return record("patchGroup", r); }
    @Override public ScimResponse deleteGroup(ScimRequest r) { return record("deleteGroup", r); }
    @Override public ScimResponse serviceProviderConfig(ScimRequest r) { return record("serviceProviderConfig", r); }
    @Override public ScimResponse schemas(ScimRequest r) { return record("schemas", r); }
    @Override public ScimResponse resourceTypes(ScimRequest r) { return record("resourceTypes", r); }
}
