package io.whalefall.query.capacity;

import io.whalefall.platform.sql.Rows;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One database's aggregate of one period, as {@code GET /api/v1/capacity/databases} lists it: every
 * column of the aggregation plus the period's facts and the instance.
 *
 * @param id                    the row's id: stable while the row exists, through every new revision
 * @param instanceId            the instance
 * @param databaseName          the database
 * @param periodType            daily, weekly, monthly or quarterly
 * @param periodStart           first day of the period
 * @param periodEnd             last day of the period
 * @param avgSizeMb             mean size
 * @param maxSizeMb             largest sample
 * @param minSizeMb             smallest sample
 * @param avgDataSizeMb         mean data size
 * @param maxDataSizeMb         largest data size
 * @param minDataSizeMb         smallest data size
 * @param avgLogSizeMb          mean log size
 * @param maxLogSizeMb          largest log size
 * @param minLogSizeMb          smallest log size
 * @param dataCount             samples in the period
 * @param daysWithData          days of the period with samples of this database
 * @param daysInPeriod          days of the period
 * @param previousAvgSizeMb     mean size in the previous period, null when it had none
 * @param sizeChangeMb          change of the mean against the previous period
 * @param sizeChangePercent     that change in %
 * @param dataSizeChangeMb      change of the mean data size
 * @param dataSizeChangePercent that change in %
 * @param logSizeChangeMb       change of the mean log size
 * @param logSizeChangePercent  that change in %
 * @param growthRate            equal to size_change_percent
 * @param revision              computation revision (a recomputation increases it)
 * @param complete              false while the period is still running
 * @param calculatedAt          when it was computed
 * @param instance              the instance (name and type null while unknown)
 */
public record DatabaseAggregateView(
        long id,
        long instanceId,
        String databaseName,
        String periodType,
        LocalDate periodStart,
        LocalDate periodEnd,
        long avgSizeMb,
        long maxSizeMb,
        long minSizeMb,
        Long avgDataSizeMb,
        Long maxDataSizeMb,
        Long minDataSizeMb,
        Long avgLogSizeMb,
        Long maxLogSizeMb,
        Long minLogSizeMb,
        int dataCount,
        int daysWithData,
        int daysInPeriod,
        Long previousAvgSizeMb,
        long sizeChangeMb,
        BigDecimal sizeChangePercent,
        long dataSizeChangeMb,
        BigDecimal dataSizeChangePercent,
        long logSizeChangeMb,
        BigDecimal logSizeChangePercent,
        BigDecimal growthRate,
        int revision,
        boolean complete,
        Instant calculatedAt,
        InstanceInfo instance) {

    /** The columns {@link #map} reads, for a {@code database_period d LEFT JOIN instance i}. */
    static final String COLUMNS = """
            d.id, d.instance_id, d.database_name, d.period_type, d.period_start, d.period_end, d.avg_size_mb, d.max_size_mb,
            d.min_size_mb, d.avg_data_size_mb, d.max_data_size_mb, d.min_data_size_mb, d.avg_log_size_mb,
            d.max_log_size_mb, d.min_log_size_mb, d.data_count, d.days_with_data, d.days_in_period,
            d.previous_avg_size_mb, d.size_change_mb, d.size_change_percent, d.data_size_change_mb,
            d.data_size_change_percent, d.log_size_change_mb, d.log_size_change_percent, d.growth_rate, d.revision,
            d.complete, d.calculated_at, i.name AS instance_name, i.db_type AS instance_db_type
            """;

    /** Reads a row selected with {@link #COLUMNS}. */
    static DatabaseAggregateView map(ResultSet rs) throws SQLException {
        long instanceId = rs.getLong("instance_id");
        return new DatabaseAggregateView(rs.getLong("id"), instanceId, rs.getString("database_name"), rs.getString("period_type"),
                Rows.date(rs, "period_start"), Rows.date(rs, "period_end"), rs.getLong("avg_size_mb"),
                rs.getLong("max_size_mb"), rs.getLong("min_size_mb"), Rows.nullableLong(rs, "avg_data_size_mb"),
                Rows.nullableLong(rs, "max_data_size_mb"), Rows.nullableLong(rs, "min_data_size_mb"),
                Rows.nullableLong(rs, "avg_log_size_mb"), Rows.nullableLong(rs, "max_log_size_mb"),
                Rows.nullableLong(rs, "min_log_size_mb"), rs.getInt("data_count"), rs.getInt("days_with_data"),
                rs.getInt("days_in_period"), Rows.nullableLong(rs, "previous_avg_size_mb"), rs.getLong("size_change_mb"),
                rs.getBigDecimal("size_change_percent"), rs.getLong("data_size_change_mb"),
                rs.getBigDecimal("data_size_change_percent"), rs.getLong("log_size_change_mb"),
                rs.getBigDecimal("log_size_change_percent"), rs.getBigDecimal("growth_rate"), rs.getInt("revision"),
                rs.getBoolean("complete"), Rows.instant(rs, "calculated_at"),
                new InstanceInfo(instanceId, rs.getString("instance_name"), rs.getString("instance_db_type")));
    }
}
