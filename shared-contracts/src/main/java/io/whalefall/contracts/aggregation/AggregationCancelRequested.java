package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/**
 * Command: stop a run; its work items not yet started are skipped.
 *
 * @param runId       the run (= session id)
 * @param requestedBy who cancelled it
 * @param reason      why, for the session record
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AggregationCancelRequested(UUID runId, String requestedBy, String reason) {
}
