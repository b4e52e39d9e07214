package dev.scim.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). One tree serves every use: in-memory evaluation, planning key
 * lookups for the store, and printing back to the wire. Exhaustive {@code switch} over the permitted records
 * keeps those uses complete when the grammar grows.
 */
public sealed interface Filter permits Filter.And, Filter.Or, Filter.Not, Filter.Compare, Filter.Present,
        Filter.ValuePath {

    record And(Filter left, Filter right) implements Filter {
        public And { Objects.requireNonNull(left); Objects.requireNonNull(right); }
    }

    record Or(Filter left, Filter right) implements Filter {
        public Or { Objects.requireNonNull(left); Objects.requireNonNull(right); }
    }

    record Not(Filter inner) implements Filter {
        public Not { Objects.requireNonNull(inner); }
    }

    /** {@code path op value}; value is a JSON string, number, boolean or null literal. */
    record Compare(AttributePath path, CompareOp op, JsonNode value) implements Filter {
        public Compare {
            Objects.requireNonNull(path); Objects.requireNonNull(op); Objects.requireNonNull(value);
            if (!value.isValueNode()) throw new IllegalArgumentException("comparison value must be a literal");
        }
    }

    /** {@code path pr}. */
    record Present(AttributePath path) implements Filter {
        public Present { Objects.requireNonNull(path); }
    }

    /** {@code attribute[inner]}, e.g. {@code emails[type eq "work" and value co "@example.com"]}. */
    record ValuePath(AttributePath path, Filter inner) implements Filter {
        public ValuePath { Objects.requireNonNull(path); Objects.requireNonNull(inner); }
    }
}
