package dev.scim.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.Config;
import dev.scim.core.error.ScimException;
import dev.scim.core.filter.Filter;
import dev.scim.core.filter.FilterParser;
import dev.scim.core.json.Json;
import dev.scim.core.log.JsonLog;
import dev.scim.core.model.Page;
import dev.scim.core.model.ResourceType;
import dev.scim.core.service.GroupService;
import dev.scim.core.service.ListQuery;
import dev.scim.core.service.UserService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The SCIM operations on the wire: picks the dialect from the path prefix, turns query parameters and headers
 * into service calls, and renders results and errors in that dialect. One structured log line per request
 * (request id, tenant, operation, status, latency), never a body.
 */
public final class ScimEndpoints implements ScimOperations {
    private static final int DEFAULT_COUNT = 100;

    private final UserService users;
    private final GroupService groups;
    private final Config config;
    private final JsonLog log;
    private final List<ScimDialect> dialects;

    public ScimEndpoints(UserService users, GroupService groups, Config config, JsonLog log) {
        this.users = users;
        this.groups = groups;
        this.config = config;
        this.log = log;
        this.dialects = List.of(new ScimV1Dialect());
    }

    // ---- users ------------------------------------------------------------------------------------------------

    @Override
    public ScimResponse listUsers(ScimRequest r) {
        return list(r, "listUsers", ResourceType.USER, t -> users.list(t, listQuery(r)),
                (u, base) -> ResourceViews.user(u, null, base));
    }

    @Override
    public ScimResponse getUser(ScimRequest r) {
        return run(r, "getUser", (d, t) -> user(200, r, d, users.get(t, id(r))));
    }

    @Override
    public ScimResponse createUser(ScimRequest r) {
        return run(r, "createUser", (d, t) ->
                user(201, r, d, users.create(t, d.readResource(r.body(), ResourceType.USER))));
    }

    @Override
    public ScimResponse replaceUser(ScimRequest r) {
        return run(r, "replaceUser", (d, t) -> user(200, r, d,
                users.replace(t, id(r), d.readResource(r.body(), ResourceType.USER), ifMatch(r))));
    }

    @Override
    public ScimResponse patchUser(ScimRequest r) {
        return run(r, "patchUser", (d, t) -> user(200, r, d,
                users.patch(t, id(r), d.readPatch(r.body(), ResourceType.USER), ifMatch(r))));
    }

    @Override
    public ScimResponse deleteUser(ScimRequest r) {
        return run(r, "deleteUser", (d, t) -> {
            users.delete(t, id(r));
            return new ScimResponse(204, Map.of(), null);
        });
    }

    // ---- groups -----------------------------------------------------------------------------------------------

    @Override
    public ScimResponse listGroups(ScimRequest r) {
        return list(r, "listGroups", ResourceType.GROUP, t -> groups.list(t, listQuery(r)),
                (g, base) -> ResourceViews.group(g, null, base));
    }

    @Override
    public ScimResponse getGroup(ScimRequest r) {
        return run(r, "getGroup", (d, t) -> group(200, r, d, groups.get(t, id(r))));
    }

    @Override
    public ScimResponse createGroup(ScimRequest r) {
        return run(r, "createGroup", (d, t) ->
                group(201, r, d, groups.create(t, d.readResource(r.body(), ResourceType.GROUP))));
    }

    @Override
    public ScimResponse replaceGroup(ScimRequest r) {
        return run(r, "replaceGroup", (d, t) -> group(200, r, d,
                groups.replace(t, id(r), d.readResource(r.body(), ResourceType.GROUP), ifMatch(r))));
    }

    /** 204 with the new ETag: Okta accepts 200 or 204, and 204 spares reading up to 100,000 members back. */
    @Override
    public ScimResponse patchGroup(ScimRequest r) {
        return run(r, "patchGroup", (d, t) -> {
            GroupService.GroupView v = groups.patch(t, id(r), d.readPatch(r.body(), ResourceType.GROUP), ifMatch(r));
            return new ScimResponse(204, Map.of("ETag", v.group().meta().etag()), null);
        });
    }

    @Override
    public ScimResponse deleteGroup(ScimRequest r) {
        return run(r, "deleteGroup", (d, t) -> {
            groups.delete(t, id(r));
            return new ScimResponse(204, Map.of(), null);
        });
    }

    // ---- discovery --------------------------------------------------------------------------------------------

    @Override
    public ScimResponse serviceProviderConfig(ScimRequest r) {
        return run(r, "serviceProviderConfig", (d, t) -> {
            requireGet(r);
            return json(200, d, d.writeServiceProviderConfig(new ServiceProviderSettings(r.baseUrl(),
                    config.maxPageSize(), config.filterMaxResults())), null);
        });
    }

    @Override
    public ScimResponse schemas(ScimRequest r) {
        return run(r, "schemas", (d, t) -> discovery(r, d, d.writeSchemas(r.baseUrl()), "Schema"));
    }

    @Override
    public ScimResponse resourceTypes(ScimRequest r) {
        return run(r, "resourceTypes", (d, t) -> discovery(r, d, d.writeResourceTypes(r.baseUrl()), "ResourceType"));
    }

    /** A list, or with an {@code id} path parameter the one entry whose id or name matches it. */
    private ScimResponse discovery(ScimRequest r, ScimDialect d, ObjectNode list, String kind) {
        requireGet(r);
        var id = r.pathParam("id");
        if (id.isEmpty()) return json(200, d, list, null);
        for (JsonNode entry : list.path("Resources")) {
            if (id.get().equalsIgnoreCase(entry.path("id").asText())
                    || id.get().equalsIgnoreCase(entry.path("name").asText())) {
                return json(200, d, (ObjectNode) entry, null);
            }
        }
        throw new ScimException.NotFound(kind + " " + id.get() + " not found.");
    }

    private static void requireGet(ScimRequest r) {
        if (!r.method().equals("GET")) {
            throw new ScimException.MethodNotAllowed(r.method() + " is not allowed here; this endpoint is read-only "
                    + "(use GET).");
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    /** A list response: the page's resources in canonical form, written by the dialect (no groups, no members). */
    private <T> ScimResponse list(ScimRequest r, String operation, ResourceType type,
            Function<String, Page<T>> query, BiFunction<T, String, ObjectNode> view) {
        return run(r, operation, (d, t) -> {
            Page<T> page = query.apply(t);
            List<ObjectNode> out = new ArrayList<>();
            for (T resource : page.items()) out.add(d.writeResource(view.apply(resource, base(r, d)), type));
            return json(200, d, d.writeList(out, page.totalResults(), page.startIndex()), null);
        });
    }

    private ScimResponse run(ScimRequest r, String operation, BiFunction<ScimDialect, String, ScimResponse> body) {
        long start = System.nanoTime();
        ScimDialect d = dialect(r.path());
        ScimResponse response;
        String scimType = null;
        String failure = null;
        try {
            if (r.tenant() == null || r.tenant().isBlank()) {
                throw new ScimException.Unauthorized("The request reached the API without an authorised tenant.");
            }
            response = body.apply(d, r.tenant());
        } catch (ScimException e) {
            ScimError error = ScimError.of(e);
            scimType = error.scimType();
            response = json(error.status(), d, d.writeError(error), null);
        } catch (RuntimeException e) {
            failure = e.getClass().getName();
            response = json(500, d, d.writeError(ScimError.internal(r.requestId())), null);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", r.requestId());
        fields.put("tenant", r.tenant());
        fields.put("operation", operation);
        fields.put("method", r.method());
        fields.put("status", response.status());
        fields.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
        fields.put("scimType", scimType);
        fields.put("exception", failure);
        if (failure != null) log.error("request", fields);
        else log.info("request", fields);
        return response;
    }

    private ScimDialect dialect(String path) {
        for (ScimDialect d : dialects) {
            if (path.startsWith(d.prefix() + "/") || path.equals(d.prefix())) return d;
        }
        return dialects.get(0);
    }

    private static String base(ScimRequest r, ScimDialect d) {
        return (r.baseUrl() == null ? "" : r.baseUrl()) + d.prefix();
    }

    private ScimResponse user(int status, ScimRequest r, ScimDialect d, UserService.UserView v) {
        ObjectNode body = d.writeResource(ResourceViews.user(v.user(), v.groups(), base(r, d)), ResourceType.USER);
        return json(status, d, body, v.user().meta().etag(), status == 201 ? body.path("meta").path("location")
                .asText() : null);
    }

    private ScimResponse group(int status, ScimRequest r, ScimDialect d, GroupService.GroupView v) {
        ObjectNode body = d.writeResource(ResourceViews.group(v.group(), v.members(), base(r, d)),
                ResourceType.GROUP);
        return json(status, d, body, v.group().meta().etag(), status == 201 ? body.path("meta").path("location")
                .asText() : null);
    }

    private static ScimResponse json(int status, ScimDialect d, ObjectNode body, String etag) {
        return json(status, d, body, etag, null);
    }

    private static ScimResponse json(int status, ScimDialect d, ObjectNode body, String etag, String location) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", d.contentType());
        if (etag != null) headers.put("ETag", etag);
        if (location != null) headers.put("Location", location);
        return new ScimResponse(status, headers, Json.write(body));
    }

    private static String id(ScimRequest r) {
        return r.pathParam("id").filter(s -> !s.isBlank())
                .orElseThrow(() -> new ScimException.NotFound("No resource id in the path."));
    }

    private ListQuery listQuery(ScimRequest r) {
        int startIndex = Math.max(1, intParam(r, "startIndex", 1));
        int count = Math.min(Math.max(0, intParam(r, "count", DEFAULT_COUNT)), config.maxPageSize());
        Filter filter = r.queryParam("filter").filter(f -> !f.isBlank()).map(FilterParser::parse).orElse(null);
        return new ListQuery(filter, startIndex, count);
    }

    private static int intParam(ScimRequest r, String name, int fallback) {
        var v = r.queryParam(name);
        if (v.isEmpty() || v.get().isBlank()) return fallback;
        try {
            long n = Long.parseLong(v.get().trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
        } catch (NumberFormatException e) {
            throw new ScimException.InvalidValue("Query parameter '" + name + "' must be an integer, got '"
                    + v.get() + "'.");
        }
    }

    /** {@code If-Match: W/"3"} (or {@code "3"}) → 3; absent or {@code *} → null, meaning "any version". */
    private static Long ifMatch(ScimRequest r) {
        var h = r.header("If-Match");
        if (h.isEmpty() || h.get().isBlank() || h.get().trim().equals("*")) return null;
        String v = h.get().trim();
        if (v.startsWith("W/")) v = v.substring(2);
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ScimException.VersionMismatch("If-Match '" + h.get() + "' is not a version this service "
                    + "issued; use the ETag or meta.version from a read.");
        }
    }
}
