package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;

/**
 * One instance's figures for one period, built from its daily totals (the mean of its instance samples
 * of the day, or, on days without any, the sum of its databases' daily means).
 *
 * @param totalSizeMb                mean of the daily totals
 * @param avgSizeMb                  sum of daily totals / sum of daily database counts (size per database)
 * @param maxSizeMb                  largest daily total
 * @param minSizeMb                  smallest daily total
 * @param dataCount                  days with data
 * @param databaseCount              mean daily database count, rounded to a whole number
 * @param avgDatabaseCount           mean daily database count, two decimals
 * @param maxDatabaseCount           largest daily database count
 * @param minDatabaseCount           smallest daily database count
 * @param previousTotalSizeMb        total size of the previous period, null when it had no data
 * @param totalSizeChangeMb          total minus previous total (0 without a previous period)
 * @param totalSizeChangePercent     that change in % of the previous total
 * @param databaseCountChange        database count minus the previous period's
 * @param databaseCountChangePercent that change in % of the previous count
 * @param growthRate                 equal to {@code totalSizeChangePercent}
 * @param trendDirection             growing above +5 %, shrinking below −5 %, else stable
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstancePeriodAggregate(
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
        TrendDirection trendDirection) {
}
