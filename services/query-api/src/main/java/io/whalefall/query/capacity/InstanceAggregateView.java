package io.whalefall.query.capacity;

import io.whalefall.platform.sql.Rows;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One instance's aggregate of one period, as {@code GET /api/v1/capacity/instances} lists it: every
 * column of the aggregation plus the period's facts and the instance.
 *
 * @param id                         the row's id: stable while the row exists, through every new revision
 * @param instanceId                 the instance
 * @param periodType                 daily, weekly, monthly or quarterly
 * @param periodStart                first day of the period
 * @param periodEnd                  last day of the period
 * @param totalSizeMb                mean of the daily totals
 * @param avgSizeMb                  size per database (sum of daily totals / sum of daily database counts)
 * @param maxSizeMb                  largest daily total
 * @param minSizeMb                  smallest daily total
 * @param dataCount                  days with data
 * @param databaseCount              mean daily database count, whole
 * @param avgDatabaseCount           mean daily database count, two decimals
 * @param maxDatabaseCount           largest daily database count
 * @param minDatabaseCount           smallest daily database count
 * @param previousTotalSizeMb        total of the previous period, null when it had no data
 * @param totalSizeChangeMb          total minus the previous total
 * @param totalSizeChangePercent     that change in %
 * @param databaseCountChange        database count minus the previous period's
 * @param databaseCountChangePercent that change in %
 * @param growthRate                 equal to total_size_change_percent
 * @param trendDirection             growing, shrinking or stable
 * @param revision                   computation revision
 * @param complete                   false while the period is still running
 * @param daysWithData               days of the period with data
 * @param daysInPeriod               days of the period
 * @param calculatedAt               when it was computed
 * @param instance                   the instance (name and type null while unknown)
 */
public record InstanceAggregateView(
        long id,
        long instanceId,
        String periodType,
        LocalDate periodStart,
        LocalDate periodEnd,
        long totalSizeMb,
        long avgSizeMb,
        long maxSizeMb,
        long minSizeMb,
        int dataCount,
        int databaseCount,
        BigDecimal avgDatabaseCount,
        int maxDatabaseCount,
        int minDatabaseCount,
        Long previousTotalSizeMb,
        long totalSizeChangeMb,
        BigDecimal totalSizeChangePercent,
        int databaseCountChange,
        BigDecimal databaseCountChangePercent,
        BigDecimal growthRate,
        String trendDirection,
        int revision,
        boolean complete,
        int daysWithData,
        int daysInPeriod,
        Instant calculatedAt,
        InstanceInfo instance) {

    /** The columns {@link #map} reads, for an {@code instance_period p LEFT JOIN instance i}. */
    static final String COLUMNS = """
            p.id, p.instance_id, p.period_type, p.period_start, p.period_end, p.total_size_mb, p.avg_size_mb, p.max_size_mb,
            p.min_size_mb, p.data_count, p.database_count, p.avg_database_count, p.max_database_count,
            p.min_database_count, p.previous_total_size_mb, p.total_size_change_mb, p.total_size_change_percent,
            p.database_count_change, p.database_count_change_percent, p.growth_rate, p.trend_direction, p.revision,
            p.complete, p.days_with_data, p.days_in_period, p.calculated_at, i.name AS instance_name,
            i.db_type AS instance_db_type
            """;

    /** Reads a row selected with {@link #COLUMNS}. */
    static InstanceAggregateView map(ResultSet rs) throws SQLException {
        long instanceId = rs.getLong("instance_id");
        return new InstanceAggregateView(rs.getLong("id"), instanceId, rs.getString("period_type"), Rows.date(rs, "period_start"),
                Rows.date(rs, "period_end"), rs.getLong("total_size_mb"), rs.getLong("avg_size_mb"),
                rs.getLong("max_size_mb"), rs.getLong("min_size_mb"), rs.getInt("data_count"),
                rs.getInt("database_count"), rs.getBigDecimal("avg_database_count"), rs.getInt("max_database_count"),
                rs.getInt("min_database_count"), Rows.nullableLong(rs, "previous_total_size_mb"),
                rs.getLong("total_size_change_mb"), rs.getBigDecimal("total_size_change_percent"),
                rs.getInt("database_count_change"), rs.getBigDecimal("database_count_change_percent"),
                rs.getBigDecimal("growth_rate"), rs.getString("trend_direction"), rs.getInt("revision"),
                rs.getBoolean("complete"), rs.getInt("days_with_data"), rs.getInt("days_in_period"),
                Rows.instant(rs, "calculated_at"),
                new InstanceInfo(instanceId, rs.getString("instance_name"), rs.getString("instance_db_type")));
    }
}
