package io.whalefall.platform.sql;

import java.time.Instant;
import java.util.Collection;

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

    /** An instant as an element of a {@code text} array that the statement casts to {@code timestamptz[]}. */
    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
