package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * Event: a request was refused before any work started (unknown period type, {@code from} after
 * {@code to}, range too long, unknown instance ...). Session tracking shows it as a failed session.
 *
 * @param runId       the run id the request would have had
 * @param requestId   the request's idempotency key
 * @param trigger     the trigger as sent (may be the invalid part)
 * @param requestedBy who asked, as sent
 * @param reason      why it was refused, for people
 * @param rejectedAt  when
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AggregationRejected(
        UUID runId,
        String requestId,
        String trigger,
        String requestedBy,
        String reason,
        Instant rejectedAt) {
}
