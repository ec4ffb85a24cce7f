package io.whalefall.sessions.store;

import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.contracts.session.SyncType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A sync session as stored and as the API lists it (without its records).
 *
 * @param sessionId           the session (= aggregation run id)
 * @param requestId           the request's idempotency key
 * @param syncType            scheduled_task, manual_task or external; null until the run's start is known
 * @param syncCategory        always {@code aggregation}
 * @param status              pending, running, completed, failed or cancelled
 * @param createdBy           who asked for the run
 * @param mode                current, previous, range, scheduled or recompute
 * @param periodTypes         the period types in scope
 * @param periods             the periods in scope
 * @param from                first day of a range run
 * @param to                  last day of a range run
 * @param force               whether existing aggregations are recomputed
 * @param startedAt           when the run started
 * @param completedAt         when the session ended
 * @param totalInstances      records
 * @param successfulInstances records completed
 * @param failedInstances     records failed
 * @param skippedInstances    records skipped
 * @param progress            0–100
 * @param errorMessage        why it failed or was cancelled
 * @param cancelRequestedBy   the admin who asked to cancel it
 * @param cancelRequestedAt   when they did
 * @param sequence            increases with every change
 * @param createdAt           when this service first heard of the run
 * @param updatedAt           when the session last changed
 */
public record SyncSession(
        UUID sessionId,
        String requestId,
        SyncType syncType,
        String syncCategory,
        SessionStatus status,
        String createdBy,
        String mode,
        List<PeriodType> periodTypes,
        List<PeriodRef> periods,
        LocalDate from,
        LocalDate to,
        Boolean force,
        Instant startedAt,
        Instant completedAt,
        int totalInstances,
        int successfulInstances,
        int failedInstances,
        int skippedInstances,
        int progress,
        String errorMessage,
        String cancelRequestedBy,
        Instant cancelRequestedAt,
        long sequence,
        Instant createdAt,
        Instant updatedAt) {
}
