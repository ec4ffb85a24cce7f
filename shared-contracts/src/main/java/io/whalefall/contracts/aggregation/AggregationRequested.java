package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDate;
import java.util.List;

/**
 * Command: compute period aggregations. Any system may publish it on {@code whalefall.commands} with
 * routing key {@code aggregation.requested}.
 *
 * @param requestId   idempotency key chosen by the requester (1–200 characters); the same id always
 *                    means the same run, which is also the sync session's id
 * @param trigger     scheduled, manual or external
 * @param requestedBy user or system name, for the session record
 * @param scope       the instances; empty means all active instances
 * @param periodTypes which period types to compute; empty means all four
 * @param mode        current, previous or range
 * @param from        first day of the range (mode range only)
 * @param to          last day of the range, inclusive (mode range only)
 * @param force       recompute periods that are already aggregated
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AggregationRequested(
        String requestId,
        Trigger trigger,
        String requestedBy,
        AggregationScope scope,
        List<PeriodType> periodTypes,
        AggregationMode mode,
        LocalDate from,
        LocalDate to,
        boolean force) {
}
