package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Event: one instance's aggregation of one period, at both levels. A recomputation publishes the same
 * period again with a higher {@code revision}; readers keep the highest revision and replace the whole
 * set of database rows with it.
 *
 * @param runId        the run that computed it
 * @param instanceId   the instance
 * @param periodType   the period type
 * @param periodStart  first day of the period
 * @param periodEnd    last day of the period
 * @param revision     1 for the first computation, +1 for each recomputation
 * @param complete     false while the period is still running (it contains today)
 * @param daysWithData days of the period that had samples
 * @param daysInPeriod days of the period
 * @param calculatedAt when it was computed
 * @param instance     the instance-level row, null when the period had no data
 * @param databases    the database-level rows, one per database with samples in the period
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeriodCompleted(
        UUID runId,
        long instanceId,
        PeriodType periodType,
        LocalDate periodStart,
        LocalDate periodEnd,
        int revision,
        boolean complete,
        int daysWithData,
        int daysInPeriod,
        Instant calculatedAt,
        InstancePeriodAggregate instance,
        List<DatabasePeriodAggregate> databases) {
}
