package dev.scim.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.filter.CompareOp;
import dev.scim.core.filter.Filter;
import dev.scim.core.filter.FilterEvaluator;
import dev.scim.core.model.Page;
import dev.scim.core.model.ResourceType;
import dev.scim.core.schema.CoreSchemas;
import java.util.List;
import java.util.Optional;

/**
 * The one list-and-filter procedure for every resource type. Without a filter the store pages in its stable
 * order. With a filter, an {@code eq} on an indexed attribute (alone or as a conjunct of {@code and}) becomes a key
 * lookup, and the whole filter is then checked in memory on those few candidates; any other filter reads the
 * tenant's resources in list order up to the configured bound ({@code filterMaxResults}, advertised in
 * /ServiceProviderConfig) and evaluates in memory. Paging applies to the matches, and {@code totalResults} counts
 * all matches.
 */
final class Listing {
    private Listing() {}

    /** What a resource type's store offers the procedure. */
    interface Source<T> {
        Page<T> page(int startIndex, int count);

        /** Resources whose indexed attribute equals the value; empty when the attribute has no index. */
        Optional<List<T>> lookup(String attribute, String value);

        List<T> all(int max);

        /** The canonical JSON the filter is evaluated against (what clients read). */
        ObjectNode view(T resource);
    }

    static <T> Page<T> run(ListQuery q, Source<T> source, ResourceType type, int filterMax) {
        if (q.filter() == null) return source.page(q.startIndex(), q.count());
        List<T> candidates = indexed(q.filter(), source, type).orElseGet(() -> source.all(filterMax));
        List<T> matches = candidates.stream()
                .filter(r -> FilterEvaluator.matches(q.filter(), source.view(r), type))
                .toList();
        int from = Math.min(q.startIndex() - 1, matches.size());
        int to = Math.min(from + q.count(), matches.size());
        return new Page<>(matches.subList(from, to), matches.size(), q.startIndex());
    }

    private static <T> Optional<List<T>> indexed(Filter f, Source<T> source, ResourceType type) {
        return switch (f) {
            case Filter.Compare c when c.op() == CompareOp.EQ && c.value().isTextual()
                    && c.path().subAttribute() == null
                    && (c.path().schemaUrn() == null
                        || c.path().schemaUrn().equalsIgnoreCase(CoreSchemas.core(type).id())) ->
                    source.lookup(c.path().attribute(), c.value().asText());
            case Filter.And a -> {
                Optional<List<T>> left = indexed(a.left(), source, type);
                yield left.isPresent() ? left : indexed(a.right(), source, type);
            }
            default -> Optional.empty();
        };
    }
}
