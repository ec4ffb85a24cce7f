package io.whalefall.contracts.session;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.whalefall.contracts.aggregation.PeriodType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event: the full current state of a sync session, published on every change. Readers keep the
 * snapshot with the highest {@code sequence}.
 *
 * @param sessionId           the session (= aggregation run id)
 * @param requestId           the request's idempotency key
 * @param syncType            scheduled_task, manual_task or external
 * @param syncCategory        always {@code aggregation} here
 * @param status              pending, running, completed, failed or cancelled
 * @param createdBy           who started it, null for the schedule
 * @param startedAt           when the run started
 * @param completedAt         when it ended
 * @param totalInstances      records in the session
 * @param successfulInstances records completed
 * @param failedInstances     records failed
 * @param skippedInstances    records skipped
 * @param progress            0–100: share of records that have ended
 * @param periodTypes         the period types in scope
 * @param errorMessage        why the session failed or was cancelled, if it did
 * @param sequence            increases with every change of this session
 * @param updatedAt           when this snapshot was taken
 * @param records             one per instance, by instance name, with period counts (not the periods themselves)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionUpdated(
        UUID sessionId,
        String requestId,
        SyncType syncType,
        String syncCategory,
        SessionStatus status,
        String createdBy,
        Instant startedAt,
        Instant completedAt,
        int totalInstances,
        int successfulInstances,
        int failedInstances,
        int skippedInstances,
        int progress,
        List<PeriodType> periodTypes,
        String errorMessage,
        long sequence,
        Instant updatedAt,
        List<SessionRecord> records) {
}
