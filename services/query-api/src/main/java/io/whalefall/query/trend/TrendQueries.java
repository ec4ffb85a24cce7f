package io.whalefall.query.trend;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.Where;
import io.whalefall.query.capacity.CapacityFilter;
import io.whalefall.query.capacity.InstanceInfo;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds trend charts: the series are ranked in SQL and only the top ones' points leave the database. */
@ApplicationScoped
public class TrendQueries {

    /** {@code %1$s} series column, {@code %2$s} metric, {@code %3$s} table, {@code %4$s} alias, {@code %5$s} WHERE, {@code %6$s} rank. */
    private static final String TREND = """
            WITH f AS MATERIALIZED (
                SELECT %4$s.instance_id, %1$s AS series_name, %4$s.period_start, %2$s AS value
                FROM %3$s %4$s%5$s),
            s AS (
                SELECT instance_id, series_name,
                       (array_agg(value ORDER BY period_start DESC))[1] AS last_value,
                       (array_agg(value ORDER BY period_start))[1] AS first_value
                FROM f GROUP BY instance_id, series_name),
            top AS (
                SELECT instance_id, series_name, %6$s AS score FROM s
                ORDER BY score DESC NULLS LAST, instance_id, series_name LIMIT ?)
            SELECT t.instance_id, t.series_name, t.score, f.period_start, f.value, i.name AS instance_name,
                   i.db_type AS instance_db_type, (SELECT count(*) FROM s) AS total_series
            FROM top t
            JOIN f ON f.instance_id = t.instance_id AND f.series_name IS NOT DISTINCT FROM t.series_name
            LEFT JOIN instance i ON i.instance_id = t.instance_id
            ORDER BY t.score DESC NULLS LAST, t.instance_id, t.series_name, f.period_start
            """;

    private final Jdbc jdbc;

    public TrendQueries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The chart of the top series of {@code source} matching {@code filter} (which names a period type). */
    public TrendChart chart(TrendSource source, CapacityFilter filter, TrendParams.TrendRequest request) {
        Where where = source.where().apply(filter);
        String rank = request.rankBy().equals("growth") ? "last_value - first_value" : "last_value";
        String sql = TREND.formatted(source.seriesColumn(), source.metrics().get(request.metric()), source.table(),
                source.alias(), where.sql(), rank);
        List<Point> points = jdbc.list(sql, where.parametersAnd(request.top()), rs -> new Point(
                new InstanceInfo(rs.getLong("instance_id"), rs.getString("instance_name"), rs.getString("instance_db_type")),
                rs.getString("series_name"), Rows.nullableLong(rs, "score"), Rows.date(rs, "period_start"),
                Rows.nullableLong(rs, "value"), rs.getLong("total_series")));
        List<LocalDate> labels = new ArrayList<>(new TreeSet<>(points.stream().map(Point::periodStart).toList()));
        Map<String, List<Point>> series = new LinkedHashMap<>();
        points.forEach(p -> series.computeIfAbsent(p.instance().id() + "\u0000" + p.seriesName(), k -> new ArrayList<>())
                .add(p));
        List<TrendDataset> datasets = series.values().stream().map(s -> dataset(s, labels)).toList();
        long total = points.isEmpty() ? 0 : points.get(0).totalSeries();
        return new TrendChart(filter.periodType().code(), request.metric(), request.rankBy(), request.top(), total, labels,
                datasets);
    }

    private static TrendDataset dataset(List<Point> points, List<LocalDate> labels) {
        Point first = points.get(0);
        Map<LocalDate, Long> byPeriod = new LinkedHashMap<>();
        points.forEach(p -> byPeriod.put(p.periodStart(), p.value()));
        List<Long> data = new ArrayList<>(labels.size());
        labels.forEach(label -> data.add(byPeriod.get(label)));
        String instanceName = first.instance().name() == null ? "instance " + first.instance().id() : first.instance().name();
        String label = first.seriesName() == null ? instanceName : instanceName + " / " + first.seriesName();
        return new TrendDataset(label, first.instance(), first.seriesName(), first.score(), data);
    }

    /** One row of the trend query. */
    private record Point(InstanceInfo instance, String seriesName, Long score, LocalDate periodStart, Long value,
            long totalSeries) {
    }
}
