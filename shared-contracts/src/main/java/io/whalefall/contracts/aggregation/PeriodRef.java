package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDate;

/**
 * One calendar period.
 *
 * @param periodType  its type
 * @param periodStart first day, inclusive
 * @param periodEnd   last day, inclusive
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeriodRef(PeriodType periodType, LocalDate periodStart, LocalDate periodEnd) {
}
