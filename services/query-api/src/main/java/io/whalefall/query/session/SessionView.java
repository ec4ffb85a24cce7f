package io.whalefall.query.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.whalefall.contracts.session.SessionRecord;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A sync session as the API shows it: the latest snapshot published by session-tracking. Lists leave
 * {@code records} out; the detail and the live stream include them.
 *
 * @param sessionId           the session (= aggregation run id)
 * @param requestId           the request's idempotency key
 * @param syncType            scheduled_task, manual_task or external
 * @param syncCategory        aggregation
 * @param status              pending, running, completed, failed or cancelled
 * @param createdBy           who started it, null for the schedule
 * @param startedAt           when the run started
 * @param completedAt         when it ended
 * @param totalInstances      records in the session
 * @param successfulInstances records completed
 * @param failedInstances     records failed
 * @param skippedInstances    records skipped
 * @param progress            0–100
 * @param periodTypes         the period types in scope
 * @param errorMessage        why it failed or was cancelled
 * @param sequence            snapshot sequence (the stream's event id)
 * @param updatedAt           when the snapshot was taken
 * @param records             one per instance with its period counts, as the snapshot carries it (detail and
 *                            stream only)
 */
public record SessionView(
        UUID sessionId,
        String requestId,
        String syncType,
        String syncCategory,
        String status,
        String createdBy,
        Instant startedAt,
        Instant completedAt,
        int totalInstances,
        int successfulInstances,
        int failedInstances,
        int skippedInstances,
        int progress,
        List<String> periodTypes,
        String errorMessage,
        long sequence,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<SessionRecord> records) {

    /** Statuses after which a session never changes again. */
    public static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    /** The session statuses, as filters accept them. */
    public static final List<String> STATUSES = List.of("pending", "running", "completed", "failed", "cancelled");

    /** The sync types, as filters accept them. */
    public static final List<String> SYNC_TYPES = List.of("scheduled_task", "manual_task", "external");

    /** Whether the session has ended. */
    public boolean terminal() {
        return TERMINAL.contains(status);
    }
}
