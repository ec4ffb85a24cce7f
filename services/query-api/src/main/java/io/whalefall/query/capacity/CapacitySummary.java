package io.whalefall.query.capacity;

import java.math.BigDecimal;

/**
 * The figures of {@code /databases/summary} and {@code /instances/summary}: the selection's latest state
 * (each instance's latest period within the filters) and its growth.
 *
 * @param totalDatabases databases in those latest periods
 * @param totalInstances instances with data in the selection
 * @param totalSizeMb    total size of the latest periods (sum of avg_size_mb, or of total_size_mb for instances)
 * @param avgSizeMb      total divided by databases (by instances on the instance summary)
 * @param maxSizeMb      the largest peak (max_size_mb) among the latest periods
 * @param growthRate     growth of the total in %, see {@link SummarySource#growthBasis()}
 * @param periodType     the period type summarised
 * @param source         where the figures came from
 */
public record CapacitySummary(
        long totalDatabases,
        long totalInstances,
        long totalSizeMb,
        BigDecimal avgSizeMb,
        long maxSizeMb,
        BigDecimal growthRate,
        String periodType,
        SummarySource source) {
}
