package dev.scim.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Server-maintained metadata. {@code version} increases by one on every change and is both the optimistic-locking
 * number in the store and the weak ETag on the wire ({@code W/"<version>"}).
 */
public record Meta(Instant created, Instant lastModified, long version) {
    public Meta {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastModified, "lastModified");
        if (version < 1) throw new IllegalArgumentException("version starts at 1");
    }

    public static Meta createdAt(Instant now) { return new Meta(now, now, 1); }

    public Meta next(Instant now) { return new Meta(created, now, version + 1); }

    public String etag() { return "W/\"" + version + "\""; }
}
