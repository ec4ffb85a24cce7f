package io.whalefall.query.capacity;

import io.whalefall.platform.api.Page;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.Where;
import io.whalefall.query.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Pages and summaries of the capacity read model, one statement per figure set. */
@ApplicationScoped
public class CapacityQueries {

    /**
     * The summary in one round trip. {@code selection}: one row per instance and period matching the filters
     * (with how many aggregate rows it stands for); each instance's latest and earliest period are then read
     * by primary key. {@code %1$s}: selection, {@code %2$s}: summary inputs, {@code %3$s}: alias,
     * {@code %4$s}: table, {@code %5$s}: extra join condition.
     */
    private static final String SUMMARY = """
            WITH selection AS MATERIALIZED (%1$s),
            b AS (SELECT instance_id, min(period_start) AS first_start, max(period_start) AS last_start
                  FROM selection GROUP BY instance_id),
            latest AS (SELECT %2$s, %3$s.instance_id, %3$s.complete FROM b JOIN %4$s %3$s
                       ON %3$s.instance_id = b.instance_id AND %3$s.period_type = ? AND %3$s.period_start = b.last_start%5$s),
            earliest AS (SELECT %2$s FROM b JOIN %4$s %3$s
                       ON %3$s.instance_id = b.instance_id AND %3$s.period_type = ? AND %3$s.period_start = b.first_start%5$s)
            SELECT (SELECT coalesce(sum(row_count), 0) FROM selection) AS rows_considered,
                   (SELECT count(DISTINCT period_start) FROM selection) AS periods,
                   (SELECT min(period_start) FROM selection) AS first_period_start,
                   (SELECT max(period_start) FROM selection) AS last_period_start,
                   (SELECT max(calculated_at) FROM selection) AS latest_calculated_at,
                   (SELECT bool_and(complete) FROM latest) AS latest_complete,
                   (SELECT count(DISTINCT instance_id) FROM latest) AS instances,
                   (SELECT coalesce(sum(databases), 0) FROM latest) AS databases,
                   (SELECT coalesce(sum(size), 0) FROM latest) AS total_size,
                   (SELECT coalesce(max(peak), 0) FROM latest) AS max_size,
                   (SELECT coalesce(sum(size), 0) FROM earliest) AS window_baseline,
                   (SELECT coalesce(sum(size), 0) FROM latest WHERE previous IS NOT NULL) AS comparable_size,
                   (SELECT coalesce(sum(previous), 0) FROM latest WHERE previous IS NOT NULL) AS previous_size
            """;

    private final Jdbc jdbc;
    private final QueryConfig.Lists lists;

    public CapacityQueries(Jdbc jdbc, QueryConfig config) {
        this.jdbc = jdbc;
        this.lists = config.lists();
    }

    /**
     * One page (or, with get_all, up to the configured cap) of the rows matching the filter, and their
     * count, in one statement: the count is an uncorrelated subquery that PostgreSQL runs once, and the
     * list saves the second round trip (and statement) that a separate count would cost every request.
     */
    public <T> Page<T> page(AggregateTable<T> table, CapacityFilter filter, PageRequest request) {
        Where where = table.conditions(filter);
        int limit = request.getAll() ? lists.maxGetAll() : request.limit();
        int page = request.getAll() ? 1 : request.page();
        long offset = (long) (page - 1) * limit;
        Sql count = count(table, filter);
        String sql = "SELECT " + table.columns() + ", (" + count.text() + ") AS matching_rows FROM " + table.table()
                + " " + table.alias() + " LEFT JOIN instance i ON i.instance_id = " + table.alias() + ".instance_id"
                + where.sql() + " ORDER BY " + table.sorts().orderBy(request) + " LIMIT ? OFFSET ?";
        List<Object> parameters = new ArrayList<>(count.parameters());
        parameters.addAll(where.parametersAnd(limit, offset));
        List<Counted<T>> rows = jdbc.list(sql, parameters,
                rs -> new Counted<>(table.mapper().map(rs), rs.getLong("matching_rows")));
        long total;
        if (!rows.isEmpty()) {
            total = rows.get(0).total();
        } else {
            // a page past the end has no row to carry the count
            total = offset > 0 ? jdbc.count(count.text(), count.parameters()) : 0;
        }
        return Page.of(rows.stream().map(Counted::item).toList(), total, page, limit);
    }

    /** The summary of the rows matching the filter (which must name a period type). */
    public CapacitySummary summary(AggregateTable<?> table, CapacityFilter filter, String basis) {
        Sql selection = selection(table, filter);
        boolean byName = table.databaseLevel() && filter.databaseName() != null;
        String sql = SUMMARY.formatted(selection.text(), table.summaryInputs(), table.alias(), table.table(),
                byName ? " AND " + table.alias() + ".database_name = ?" : "");
        List<Object> parameters = new ArrayList<>(selection.parameters());
        for (int join = 0; join < 2; join++) {
            parameters.add(filter.periodType().code());
            if (byName) {
                parameters.add(filter.databaseName());
            }
        }
        return jdbc.first(sql, parameters, rs -> {
            long rows = rs.getLong("rows_considered");
            long periods = rs.getLong("periods");
            long instances = rs.getLong("instances");
            long databases = rs.getLong("databases");
            long total = rs.getLong("total_size");
            long previous = rs.getLong("previous_size");
            Growth growth;
            if (periods > 1) {
                growth = new Growth("window", rs.getLong("window_baseline"), total);
            } else if (previous > 0) {
                growth = new Growth("previous_period", previous, rs.getLong("comparable_size"));
            } else {
                growth = new Growth("none", 0, 0);
            }
            LocalDate first = Rows.date(rs, "first_period_start");
            LocalDate last = Rows.date(rs, "last_period_start");
            Instant calculated = Rows.instant(rs, "latest_calculated_at");
            boolean complete = rs.getBoolean("latest_complete");
            Boolean latestComplete = rs.wasNull() ? null : complete;
            long perUnit = table.databaseLevel() ? databases : instances;
            return new CapacitySummary(databases, instances, total, Percent.ratio(total, perUnit), rs.getLong("max_size"),
                    Percent.change(growth.current(), growth.baseline()), filter.periodType().code(),
                    new SummarySource(table.table(), basis, growth.basis(), growth.baseline(), rows, periods, first, last,
                            calculated, latestComplete));
        }).orElseThrow();
    }

    /**
     * The count of the rows matching the filter. Without a database name, the database list is counted
     * from the per-period row counts of {@code period_revision}: one row per instance and period instead
     * of one per database, which keeps counts of broad filters cheap on a large table.
     */
    private static Sql count(AggregateTable<?> table, CapacityFilter filter) {
        if (table.databaseLevel() && filter.databaseName() == null) {
            Where where = filter.forDatabases("r");
            return new Sql("SELECT coalesce(sum(r.database_rows), 0) FROM period_revision r" + where.sql(),
                    where.parameters());
        }
        // an alias of its own, so that the subquery never resolves a column against the outer table
        Where where = table.where().apply(filter, "n");
        return new Sql("SELECT count(*) FROM " + table.table() + " n" + where.sql(), where.parameters());
    }

    /** The summary's selection: one row per instance and period matching the filter, with its row count. */
    private static Sql selection(AggregateTable<?> table, CapacityFilter filter) {
        if (table.databaseLevel() && filter.databaseName() == null) {
            Where where = filter.forDatabases("r").and("r.database_rows > 0");
            return new Sql("SELECT r.instance_id, r.period_start, r.database_rows AS row_count, r.calculated_at"
                    + " FROM period_revision r" + where.sql(), where.parameters());
        }
        Where where = table.conditions(filter);
        String alias = table.alias();
        return new Sql("SELECT " + alias + ".instance_id, " + alias + ".period_start, 1 AS row_count, " + alias
                + ".calculated_at FROM " + table.table() + " " + alias + where.sql(), where.parameters());
    }

    /** A list item and the count of all items matching its filter. */
    private record Counted<T>(T item, long total) {
    }

    /** A statement and its bound values. */
    private record Sql(String text, List<Object> parameters) {
    }

    /** How a summary's growth was measured: {@code current} against {@code baseline}. */
    private record Growth(String basis, long baseline, long current) {
    }
}
