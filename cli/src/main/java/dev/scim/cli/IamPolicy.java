package dev.scim.cli;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates an authorizer's policy document the way API Gateway does for one request: an explicit Deny matching
 * the method ARN wins, otherwise an Allow matching it is needed. Only {@code execute-api:Invoke} (or a wildcard)
 * actions count; {@code *} and {@code ?} wildcards work in resources and actions as in IAM.
 */
final class IamPolicy {
    private IamPolicy() {}

    /** @param document the policy as {@code IamPolicyResponseV1.getPolicyDocument()} serialises it */
    static boolean allows(Map<String, Object> document, String methodArn) {
        if (document == null) return false;
        boolean allowed = false;
        for (Object s : values(document.get("Statement"))) {
            if (!(s instanceof Map<?, ?> statement)) continue;
            boolean actionMatches = values(statement.get("Action")).stream()
                    .anyMatch(a -> matches(a.toString(), "execute-api:Invoke"));
            boolean resourceMatches = values(statement.get("Resource")).stream()
                    .anyMatch(r -> matches(r.toString(), methodArn));
            if (!actionMatches || !resourceMatches) continue;
            String effect = String.valueOf(statement.get("Effect"));
            if (effect.equalsIgnoreCase("Deny")) return false;
            if (effect.equalsIgnoreCase("Allow")) allowed = true;
        }
        return allowed;
    }

    private static List<?> values(Object value) {
        if (value == null) return List.of();
        if (value instanceof Collection<?> c) return List.copyOf(c);
        if (value instanceof Object[] array) return List.of(array);
        return List.of(value);
    }

    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
