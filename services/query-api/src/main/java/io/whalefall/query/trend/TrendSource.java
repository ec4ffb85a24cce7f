package io.whalefall.query.trend;

import io.whalefall.platform.sql.Where;
import io.whalefall.query.capacity.CapacityFilter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One level of aggregates a trend can be drawn from: its table, the column naming a series within an
 * instance (the database name, or none), and the metrics it can plot.
 *
 * @param table         the read-model table
 * @param alias         its alias
 * @param seriesColumn  SQL of the series name within an instance ({@code NULL::text} for instances)
 * @param metrics       public metric name → SQL column
 * @param defaultMetric the metric plotted when none is asked for
 * @param where         the filter's conditions for this table
 */
public record TrendSource(String table, String alias, String seriesColumn, Map<String, String> metrics,
        String defaultMetric, Function<CapacityFilter, Where> where) {

    /** Database series: one per instance and database. */
    public static final TrendSource DATABASES = new TrendSource("database_period", "d", "d.database_name",
            new TreeMap<>(Map.of("avg_size_mb", "d.avg_size_mb", "max_size_mb", "d.max_size_mb",
                    "min_size_mb", "d.min_size_mb", "avg_data_size_mb", "d.avg_data_size_mb",
                    "avg_log_size_mb", "d.avg_log_size_mb")),
            "avg_size_mb", filter -> filter.forDatabases("d"));

    /** Instance series: one per instance. */
    public static final TrendSource INSTANCES = new TrendSource("instance_period", "p", "NULL::text",
            new TreeMap<>(Map.of("total_size_mb", "p.total_size_mb", "avg_size_mb", "p.avg_size_mb",
                    "max_size_mb", "p.max_size_mb", "min_size_mb", "p.min_size_mb",
                    "database_count", "p.database_count")),
            "total_size_mb", filter -> filter.forInstances("p"));

    /** The metrics' public names. */
    public List<String> metricNames() {
        return List.copyOf(metrics.keySet());
    }

    /** Whether a series is a database (else an instance). */
    public boolean perDatabase() {
        return this == DATABASES;
    }
}
