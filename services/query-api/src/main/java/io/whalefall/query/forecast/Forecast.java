package io.whalefall.query.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.whalefall.query.capacity.InstanceInfo;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A growth forecast of a database or an instance.
 *
 * @param level              database or instance
 * @param instance           the instance
 * @param databaseName       the database (database forecasts only)
 * @param capacityMb         the instance's registered capacity, if any
 * @param windowDays         days of daily aggregates considered
 * @param windowStart        first day of the window
 * @param windowEnd          last day of the window (today in the aggregation zone)
 * @param points             daily aggregates found in the window
 * @param minPoints          the fewest a forecast needs
 * @param currentSizeMb      the latest daily size in the window
 * @param currentSizeDate    its day
 * @param thresholdMb        the size projected to
 * @param thresholdSource    parameter (threshold_mb) or instance_capacity; null without a threshold
 * @param status             insufficient_data, no_threshold, threshold_reached, not_growing, beyond_horizon or projected
 * @param message            the answer in words
 * @param growthMbPerDay     fitted growth per day (linear regression over the daily sizes)
 * @param rSquared           fit quality 0..1
 * @param fitQuality         good, fair or poor
 * @param fittedSizeMbToday  the fitted line's value today
 * @param daysUntilThreshold days until the threshold is reached
 * @param projectedDate      the day it is reached
 */
public record Forecast(
        String level,
        InstanceInfo instance,
        @JsonInclude(JsonInclude.Include.NON_NULL) String databaseName,
        Long capacityMb,
        int windowDays,
        LocalDate windowStart,
        LocalDate windowEnd,
        int points,
        int minPoints,
        Long currentSizeMb,
        LocalDate currentSizeDate,
        Long thresholdMb,
        String thresholdSource,
        String status,
        String message,
        BigDecimal growthMbPerDay,
        BigDecimal rSquared,
        String fitQuality,
        BigDecimal fittedSizeMbToday,
        Long daysUntilThreshold,
        LocalDate projectedDate) {
}
