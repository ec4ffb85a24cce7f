package io.whalefall.query.capacity;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Where;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What the capacity lists and summaries need to know about one level of aggregates (databases or
 * instances): its table, how to select and map an item, how it may be sorted, and which columns feed the
 * summary.
 *
 * @param table         the read-model table
 * @param alias         its alias in the SQL
 * @param columns       the item's select list (the instance is joined as {@code i})
 * @param mapper        reads an item
 * @param sorts         accepted sort columns
 * @param where         the filter's conditions for this table
 * @param summaryInputs select list feeding the summary: {@code size}, {@code peak}, {@code previous}, {@code databases}
 *                      (read from each instance's latest and earliest period)
 * @param <T>           item type
 */
public record AggregateTable<T>(
        String table,
        String alias,
        String columns,
        Jdbc.RowMapper<T> mapper,
        SortColumns sorts,
        BiFunction<CapacityFilter, String, Where> where,
        String summaryInputs) {

    /** Database-level aggregates ({@code database_period}). */
    public static final AggregateTable<DatabaseAggregateView> DATABASES = new AggregateTable<>(
            "database_period", "d", DatabaseAggregateView.COLUMNS, DatabaseAggregateView::map,
            new SortColumns("period_start", Map.ofEntries(
                    Map.entry("period_start", "d.period_start"),
                    Map.entry("avg_size_mb", "d.avg_size_mb"),
                    Map.entry("max_size_mb", "d.max_size_mb"),
                    Map.entry("min_size_mb", "d.min_size_mb"),
                    Map.entry("size_change_mb", "d.size_change_mb"),
                    Map.entry("size_change_percent", "d.size_change_percent"),
                    Map.entry("growth_rate", "d.growth_rate"),
                    Map.entry("database_name", "d.database_name"),
                    Map.entry("instance_id", "d.instance_id"),
                    Map.entry("calculated_at", "d.calculated_at")),
                    // matches database_period_start_idx, so the default order is read from the index
                    List.of("d.period_start DESC", "d.instance_id", "d.database_name", "d.period_type")),
            CapacityFilter::forDatabases,
            "d.avg_size_mb AS size, d.max_size_mb AS peak, d.previous_avg_size_mb AS previous, 1 AS databases");

    /** Instance-level aggregates ({@code instance_period}). */
    public static final AggregateTable<InstanceAggregateView> INSTANCES = new AggregateTable<>(
            "instance_period", "p", InstanceAggregateView.COLUMNS, InstanceAggregateView::map,
            new SortColumns("period_start", Map.ofEntries(
                    Map.entry("period_start", "p.period_start"),
                    Map.entry("total_size_mb", "p.total_size_mb"),
                    Map.entry("avg_size_mb", "p.avg_size_mb"),
                    Map.entry("max_size_mb", "p.max_size_mb"),
                    Map.entry("min_size_mb", "p.min_size_mb"),
                    Map.entry("total_size_change_mb", "p.total_size_change_mb"),
                    Map.entry("total_size_change_percent", "p.total_size_change_percent"),
                    Map.entry("growth_rate", "p.growth_rate"),
                    Map.entry("database_count", "p.database_count"),
                    Map.entry("instance_id", "p.instance_id"),
                    Map.entry("calculated_at", "p.calculated_at")),
                    List.of("p.period_start DESC", "p.instance_id", "p.period_type")),
            CapacityFilter::forInstances,
            "p.total_size_mb AS size, p.max_size_mb AS peak, p.previous_total_size_mb AS previous, "
                    + "p.database_count AS databases");

    /** Whether the items are databases (else instances). */
    public boolean databaseLevel() {
        return table.equals("database_period");
    }

    /** The filter's conditions on this table. */
    public Where conditions(CapacityFilter filter) {
        return where.apply(filter, alias);
    }
}
