package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Event: a run was accepted and its work items were queued.
 *
 * @param runId       the run, which is also the sync session's id
 * @param requestId   the request's idempotency key
 * @param trigger     scheduled, manual or external
 * @param requestedBy who asked
 * @param mode        current, previous or range
 * @param periodTypes the period types in scope
 * @param from        first day requested (range mode), else null
 * @param to          last day requested (range mode), else null
 * @param force       whether existing aggregations are recomputed
 * @param instances   the instances in scope, one work item each
 * @param periods     the periods every instance is aggregated for
 * @param startedAt   when the run started
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AggregationStarted(
        UUID runId,
        String requestId,
        Trigger trigger,
        String requestedBy,
        AggregationMode mode,
        List<PeriodType> periodTypes,
        LocalDate from,
        LocalDate to,
        boolean force,
        List<InstanceRef> instances,
        List<PeriodRef> periods,
        Instant startedAt) {
}
