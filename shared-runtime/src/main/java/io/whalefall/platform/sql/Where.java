package io.whalefall.platform.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause assembled from fixed SQL fragments written in this code base, with every user-supplied
 * value travelling as a bound parameter: request text never becomes SQL.
 */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** Adds {@code condition} (with one {@code ?} per value) joined by AND. */
    public Where and(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    /** The clause, starting with " WHERE ", or empty when there is no condition. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The bound values, in order. */
    public List<Object> parameters() {
        return List.copyOf(parameters);
    }

    /** The bound values followed by {@code more}, for statements with parameters after the clause. */
    public List<Object> parametersAnd(Object... more) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(List.of(more));
        return all;
    }
}
