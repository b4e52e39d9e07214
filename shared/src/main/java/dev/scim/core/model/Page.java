package dev.scim.core.model;

import java.util.List;

/**
 * One page of a list or filter result. {@code startIndex} is 1-based as on the wire; {@code totalResults} counts
 * every match, not just this page.
 */
public record Page<T>(List<T> items, long totalResults, int startIndex) {
    public Page {
        items = List.copyOf(items);
        if (startIndex < 1) throw new IllegalArgumentException("startIndex is 1-based");
        if (totalResults < items.size()) throw new IllegalArgumentException("totalResults below page size");
    }

    public static <T> Page<T> empty(int startIndex) { return new Page<>(List.of(), 0, startIndex); }
}
