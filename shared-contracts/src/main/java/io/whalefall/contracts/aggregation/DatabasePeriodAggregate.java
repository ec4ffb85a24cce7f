package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;

/**
 * One database's figures for one period. Sizes are whole MB; changes are taken against the previous
 * period of the same type and derive from the whole-MB averages; percentages have two decimals and are
 * 0 when there is no previous average or it is 0.
 *
 * @param databaseName          the database
 * @param avgSizeMb             mean of all samples in the period
 * @param maxSizeMb             largest sample
 * @param minSizeMb             smallest sample
 * @param avgDataSizeMb         mean data size, null when no sample reported it
 * @param maxDataSizeMb         largest data size
 * @param minDataSizeMb         smallest data size
 * @param avgLogSizeMb          mean log size, null when no sample reported it
 * @param maxLogSizeMb          largest log size
 * @param minLogSizeMb          smallest log size
 * @param dataCount             number of samples
 * @param daysWithData          days of the period with at least one sample
 * @param previousAvgSizeMb     mean size in the previous period, null when it had no samples
 * @param sizeChangeMb          avg minus previous avg (0 without a previous period)
 * @param sizeChangePercent     that change in % of the previous avg
 * @param dataSizeChangeMb      same for the data size
 * @param dataSizeChangePercent same for the data size
 * @param logSizeChangeMb       same for the log size
 * @param logSizeChangePercent  same for the log size
 * @param growthRate            equal to {@code sizeChangePercent}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatabasePeriodAggregate(
        String databaseName,
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
        Long previousAvgSizeMb,
        long sizeChangeMb,
        BigDecimal sizeChangePercent,
        long dataSizeChangeMb,
        BigDecimal dataSizeChangePercent,
        long logSizeChangeMb,
        BigDecimal logSizeChangePercent,
        BigDecimal growthRate) {
}
