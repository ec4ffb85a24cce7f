package io.whalefall.sessions.state;

import io.whalefall.contracts.session.SessionStatus;

import java.time.Instant;

/**
 * The derived, visible state of a session.
 *
 * @param status              pending, running, completed, failed or cancelled
 * @param startedAt           when the run started (best known)
 * @param completedAt         when the session ended, null while it runs
 * @param totalInstances      records
 * @param successfulInstances records completed
 * @param failedInstances     records failed
 * @param skippedInstances    records skipped
 * @param progress            0–100: share of the run's instances whose work has ended
 * @param errorMessage        why it failed or was cancelled (or that cancelling was asked for), else null
 */
public record SessionState(
        SessionStatus status,
        Instant startedAt,
        Instant completedAt,
        int totalInstances,
        int successfulInstances,
        int failedInstances,
        int skippedInstances,
        int progress,
        String errorMessage) {
}
