package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event: one instance's work item of a run is done (its {@code PeriodCompleted} events were written in
 * the same transaction).
 *
 * @param runId        the run
 * @param requestId    the run's request id
 * @param instanceId   the instance
 * @param instanceName its name
 * @param outcome      completed, or skipped when there was nothing to do or the run was cancelled
 * @param reason       why it was skipped, else null
 * @param rowsWritten  aggregation rows written (database and instance level)
 * @param periods      per period: rows and revision
 * @param startedAt    when the work item started
 * @param completedAt  when it committed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstanceAggregationCompleted(
        UUID runId,
        String requestId,
        long instanceId,
        String instanceName,
        InstanceOutcome outcome,
        String reason,
        int rowsWritten,
        List<PeriodSummary> periods,
        Instant startedAt,
        Instant completedAt) {
}
