package dev.scim.core.wire;

import dev.scim.core.error.ScimException;

/**
 * An error as both dialects render it: HTTP status, RFC 7644 §3.12 {@code scimType} (null where none applies) and
 * the human-readable detail. The status mapping is a rule of the service, so it lives here once; each dialect only
 * decides the body's shape.
 */
public record ScimError(int status, String scimType, String detail) {

    public static ScimError of(ScimException e) {
        return switch (e) {
            case ScimException.NotFound x -> new ScimError(404, null, x.detail());
            case ScimException.UniquenessConflict x -> new ScimError(409, "uniqueness", x.detail());
            case ScimException.VersionMismatch x -> new ScimError(412, null, x.detail());
            case ScimException.InvalidFilter x -> new ScimError(400, "invalidFilter", x.detail());
            case ScimException.InvalidValue x -> new ScimError(400, "invalidValue", x.detail());
            case ScimException.InvalidSyntax x -> new ScimError(400, "invalidSyntax", x.detail());
            case ScimException.InvalidPath x -> new ScimError(400, "invalidPath", x.detail());
            case ScimException.NoTarget x -> new ScimError(400, "noTarget", x.detail());
            case ScimException.Mutability x -> new ScimError(400, "mutability", x.detail());
            case ScimException.TooMany x -> new ScimError(400, "tooMany", x.detail());
            case ScimException.MethodNotAllowed x -> new ScimError(405, null, x.detail());
            case ScimException.Unauthorized x -> new ScimError(401, null, x.detail());
        };
    }

    /** A 500 that tells the client nothing internal, only how to correlate with our logs. */
    public static ScimError internal(String requestId) {
        return new ScimError(500, null,
                "Internal server error. Retry later; if it persists, report request id " + requestId + ".");
    }
}
