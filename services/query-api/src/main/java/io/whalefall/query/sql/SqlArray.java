package io.whalefall.query.sql;

/**
 * A value bound as a PostgreSQL array parameter (for {@code = ANY(?)} and {@code unnest}).
 *
 * @param elementType the SQL element type, e.g. {@code bigint} or {@code text}
 * @param values      the elements
 */
public record SqlArray(String elementType, Object[] values) {

    /** An array of bigints. */
    public static SqlArray bigints(java.util.Collection<Long> values) {
        return new SqlArray("bigint", values.toArray(Long[]::new));
    }

    /** An array of texts. */
    public static SqlArray texts(java.util.Collection<String> values) {
        return new SqlArray("text", values.toArray(String[]::new));
    }
}
