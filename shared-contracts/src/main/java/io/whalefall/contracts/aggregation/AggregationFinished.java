package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * Event: every work item of a run has ended.
 *
 * @param runId              the run
 * @param requestId          the run's request id
 * @param outcome            completed, failed (some instance failed) or cancelled
 * @param totalInstances     work items in the run
 * @param completedInstances items completed
 * @param failedInstances    items failed
 * @param skippedInstances   items skipped
 * @param finishedAt         when the last item ended
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AggregationFinished(
        UUID runId,
        String requestId,
        RunOutcome outcome,
        int totalInstances,
        int completedInstances,
        int failedInstances,
        int skippedInstances,
        Instant finishedAt) {
}
