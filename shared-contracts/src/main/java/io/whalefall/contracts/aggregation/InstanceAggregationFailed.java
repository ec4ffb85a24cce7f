package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * Event: one instance's work item of a run failed; nothing of it was written.
 *
 * @param runId        the run
 * @param requestId    the run's request id
 * @param instanceId   the instance
 * @param instanceName its name
 * @param error        what went wrong, for operators
 * @param startedAt    when the work item started
 * @param failedAt     when it gave up
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstanceAggregationFailed(
        UUID runId,
        String requestId,
        long instanceId,
        String instanceName,
        String error,
        Instant startedAt,
        Instant failedAt) {
}
