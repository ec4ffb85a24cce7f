package io.whalefall.platform.sql;

import io.whalefall.contracts.stats.UnixMicros;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A value bound as a PostgreSQL array parameter (for {@code = ANY(?)} and {@code unnest}). The element type
 * is part of the statement's parameter types: pass the one the statement is written for (e.g. {@code text}
 * elements for a {@code ?::timestamptz[]} cast).
 *
 * @param elementType the SQL element type, e.g. {@code bigint} or {@code text}
 * @param values      the elements
 */
public record SqlArray(String elementType, Object[] values) {

    /** An array of bigints. */
    public static SqlArray bigints(Collection<Long> values) {
        return new SqlArray("bigint", values.toArray(Long[]::new));
    }

    /** An array of texts. */
    public static SqlArray texts(Collection<String> values) {
        return new SqlArray("text", values.toArray(String[]::new));
    }

    /**
     * Instants as a {@code bigint} array of microseconds since the epoch (a null stays null), for a statement
     * that adds them to {@code timestamptz 'epoch'}: numbers go to PostgreSQL in binary, where timestamps go
     * as text for both sides to print and parse.
     */
    public static SqlArray epochMicros(List<Instant> instants) {
        return new SqlArray("bigint", instants.stream().map(instant -> instant == null ? null : UnixMicros.of(instant))
                .toArray(Long[]::new));
    }

    /** An instant as an element of a {@code text} array that the statement casts to {@code timestamptz[]}. */
    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
