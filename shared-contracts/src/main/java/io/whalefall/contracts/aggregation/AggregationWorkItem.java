package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/**
 * Command (internal to period-aggregation): aggregate one instance's periods for a run. Work items sit
 * on a shared work queue so that every replica competes for them.
 *
 * @param runId      the run
 * @param requestId  the run's request id
 * @param instanceId the instance
 * @param periods    the periods to compute
 * @param force      recompute periods that are already aggregated
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AggregationWorkItem(
        UUID runId,
        String requestId,
        long instanceId,
        List<PeriodRef> periods,
        boolean force) {
}
