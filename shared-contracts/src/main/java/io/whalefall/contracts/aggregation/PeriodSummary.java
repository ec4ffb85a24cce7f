package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDate;

/**
 * What a work item did for one period.
 *
 * @param periodType   the period type
 * @param periodStart  first day
 * @param periodEnd    last day
 * @param databaseRows database-level rows written (0 when skipped)
 * @param revision     revision written, or the existing one when skipped
 * @param skipped      true when the period was already aggregated and not forced
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeriodSummary(
        PeriodType periodType,
        LocalDate periodStart,
        LocalDate periodEnd,
        int databaseRows,
        int revision,
        boolean skipped) {
}
