package dev.scim.core.service;

import dev.scim.core.filter.Filter;

/**
 * A list request after parsing: an optional filter and the 1-based page window (RFC 7644 §3.4.2.4).
 *
 * @param filter     null for "everything"
 * @param startIndex 1-based, at least 1
 * @param count      0 or more, already capped at the configured maximum
 */
public record ListQuery(Filter filter, int startIndex, int count) {
    public ListQuery {
        if (startIndex < 1) throw new IllegalArgumentException("startIndex is 1-based");
        if (count < 0) throw new IllegalArgumentException("count is not negative");
    }
}
