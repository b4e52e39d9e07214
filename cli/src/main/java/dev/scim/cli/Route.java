package dev.scim.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One API Gateway resource method from an {@code Api} event in template.yaml: method ({@code ANY} matches every
 * method), path template such as {@code /scim/v1/Users/{id}}, and the function serving it.
 *
 * @param method        upper case, or {@code ANY}
 * @param pathTemplate  as in the template, e.g. {@code /scim/v1/Users/{id}}
 * @param functionId    the function's logical id, e.g. {@code GetUserFunction}
 * @param handlerClass  the function's handler class, e.g. {@code dev.scim.functions.users.GetUserHandler}
 * @param authorized    false when the event opts out of the API's default authorizer ({@code Authorizer: NONE})
 */
public record Route(String method, String pathTemplate, String functionId, String handlerClass, boolean authorized) {

    public Route {
        method = method.toUpperCase(Locale.ROOT);
    }

    List<String> segments() { return split(pathTemplate); }

    /** Literal segments beat parameters, as API Gateway prefers the most specific resource. */
    int parameterCount() { return (int) segments().stream().filter(Route::isParameter).count(); }

    boolean allowsMethod(String requestMethod) { return method.equals("ANY") || method.equals(requestMethod); }

    /**
     * The path parameters if {@code rawPath} (still percent-encoded) fits this template, each decoded; empty if
     * it does not fit. Splitting before decoding keeps an encoded slash inside its segment.
     */
    Optional<Map<String, String>> match(String rawPath) {
        List<String> want = segments();
        List<String> got = split(rawPath);
        if (want.size() != got.size()) return Optional.empty();
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String value = PercentDecoding.decode(got.get(i));
            if (isParameter(w)) {
                if (value.isEmpty()) return Optional.empty();
                params.put(w.substring(1, w.length() - 1), value);
            } else if (!w.equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** Segments without the leading slash; one trailing slash is ignored. */
    static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }
}
