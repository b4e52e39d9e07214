package dev.scim.core.service;

import dev.scim.core.error.ScimException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Optimistic concurrency for read-modify-write operations. With an If-Match version the client owns the race and a
 * mismatch is its 412. Without one, the service re-reads and re-applies the change: the client asked for a change
 * relative to the current state, so a concurrent writer must not make it fail, and nothing is lost either way
 * because every write is conditional on the version it read.
 */
final class Versions {
    static final int ATTEMPTS = 8;

    private Versions() {}

    static void checkIfMatch(Long ifMatch, long current, String what) {
        if (ifMatch != null && ifMatch != current) {
            throw new ScimException.VersionMismatch("If-Match names version " + ifMatch + " but " + what
                    + " is at version " + current + "; read it again and retry.");
        }
    }

    /**
     * Like {@link #retrying(Long, Supplier)} for a change computed from the resource: the first attempt uses the
     * copy the caller has just read, and only retries read it again, so the common case costs one read.
     */
    static <R, T> T retrying(Long ifMatch, R first, Supplier<R> reread, Function<R, T> change) {
        Object[] next = {first};
        return retrying(ifMatch, () -> {
            @SuppressWarnings("unchecked")
            R resource = next[0] != null ? (R) next[0] : reread.get();
            next[0] = null;
            return change.apply(resource);
        });
    }

    static <T> T retrying(Long ifMatch, Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (ScimException.VersionMismatch e) {
                if (ifMatch != null || i >= ATTEMPTS) throw e;
                backoff(i);
            }
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 10 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
