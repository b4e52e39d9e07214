package dev.scim.core.error;

/**
 * A domain outcome that ends a SCIM request. Each subtype is one outcome; only the dialect maps it to an HTTP
 * status and body (RFC 7644 §3.12), so services and stores never speak HTTP.
 * The message is the {@code detail} a client sees: it must help a human fix the request and must never carry a
 * token, a password or an internal exception text.
 */
public abstract sealed class ScimException extends RuntimeException
        permits ScimException.NotFound, ScimException.UniquenessConflict, ScimException.VersionMismatch,
        ScimException.InvalidFilter, ScimException.InvalidValue, ScimException.InvalidSyntax,
        ScimException.InvalidPath, ScimException.NoTarget, ScimException.Mutability, ScimException.TooMany,
        ScimException.MethodNotAllowed, ScimException.Unauthorized {

    protected ScimException(String detail) {
        super(detail, null, false, false);
    }

    public String detail() { return getMessage(); }

    /** 404: the resource does not exist in the caller's tenant. */
    public static final class NotFound extends ScimException {
        public NotFound(String detail) { super(detail); }
    }

    /** 409 uniqueness (RFC 7644 §3.12): a userName or displayName already taken in the tenant. */
    public static final class UniquenessConflict extends ScimException {
        public UniquenessConflict(String detail) { super(detail); }
    }

    /** 412: If-Match named a version that is not the current one, or a concurrent writer won the race. */
    public static final class VersionMismatch extends ScimException {
        public VersionMismatch(String detail) { super(detail); }
    }

    /** 400 invalidFilter: the filter is malformed or uses something not supported. */
    public static final class InvalidFilter extends ScimException {
        private final int offset;
        public InvalidFilter(String detail, int offset) { super(detail); this.offset = offset; }
        public InvalidFilter(String detail) { this(detail, -1); }
        /** Character offset in the filter where the problem was found, or -1. */
        public int offset() { return offset; }
    }

    /** 400 invalidValue: a required attribute is missing or a value has the wrong type or form. */
    public static final class InvalidValue extends ScimException {
        public InvalidValue(String detail) { super(detail); }
    }

    /** 400 invalidSyntax: the body is not parseable JSON or not a request of the expected shape. */
    public static final class InvalidSyntax extends ScimException {
        public InvalidSyntax(String detail) { super(detail); }
    }

    /** 400 invalidPath: a PATCH path is malformed or names no known attribute. */
    public static final class InvalidPath extends ScimException {
        public InvalidPath(String detail) { super(detail); }
    }

    /** 400 noTarget: a PATCH path with a filter matched nothing. */
    public static final class NoTarget extends ScimException {
        public NoTarget(String detail) { super(detail); }
    }

    /** 400 mutability: an attempt to change an immutable attribute. */
    public static final class Mutability extends ScimException {
        public Mutability(String detail) { super(detail); }
    }

    /** 400 tooMany: a filter would have to examine more resources than the service allows. */
    public static final class TooMany extends ScimException {
        public TooMany(String detail) { super(detail); }
    }

    /** 405: the endpoint exists but not with this method. */
    public static final class MethodNotAllowed extends ScimException {
        public MethodNotAllowed(String detail) { super(detail); }
    }

    /** 401: the request carries no valid token. Raised by the authorizer path only. */
    public static final class Unauthorized extends ScimException {
        public Unauthorized(String detail) { super(detail); }
    }
}
