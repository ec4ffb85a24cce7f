package io.whalefall.sessions.maintenance;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * When the maintenance jobs run. Every replica runs them: the stuck check skips rows another replica holds,
 * and deleting expired sessions twice deletes nothing more. The intervals repeat the defaults of
 * {@link io.whalefall.sessions.SessionsConfig}, as the scheduler reads the raw properties.
 */
@ApplicationScoped
public class MaintenanceSchedule {

    private final StuckSessionDetector detector;
    private final SessionRetention retention;

    public MaintenanceSchedule(StuckSessionDetector detector, SessionRetention retention) {
        this.detector = detector;
        this.retention = retention;
    }

    @Scheduled(identity = "stuck-sessions", every = "${whalefall.sessions.stuck-check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void markSilentSessions() {
        detector.markSilentSessions();
    }

    @Scheduled(identity = "session-retention", every = "${whalefall.sessions.cleanup-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpiredSessions() {
        retention.purgeExpired();
    }
}
