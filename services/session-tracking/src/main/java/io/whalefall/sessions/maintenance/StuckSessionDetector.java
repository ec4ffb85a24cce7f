package io.whalefall.sessions.maintenance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.sessions.SessionsConfig;
import io.whalefall.sessions.tracking.SessionRefresher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Marks running sessions whose run has been silent for {@code whalefall.sessions.stuck-after} as failed
 * (WhaleFall's "session state abnormal"). The silence is recorded as a fact, so events that arrive later
 * are still applied to the records, and a run that then ends after all gets its real outcome.
 */
@ApplicationScoped
public class StuckSessionDetector {

    private static final Logger LOG = Logger.getLogger(StuckSessionDetector.class);
    /** Sessions marked per transaction; the next check takes any rest. */
    private static final int BATCH = 500;
    /** Rows an event handler holds right now are skipped: they are not silent. */
    private static final String MARK = """
            UPDATE sync_session SET stalled_at = now(), stall_reason = ?
            WHERE session_id IN (
                SELECT session_id FROM sync_session
                WHERE status = 'running' AND last_event_at < now() - ?::interval
                ORDER BY last_event_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING session_id
            """;

    private final Jdbc jdbc;
    private final SessionsConfig config;
    private final SessionRefresher refresher;
    private final Counter stalled;

    public StuckSessionDetector(Jdbc jdbc, SessionsConfig config, SessionRefresher refresher,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.config = config;
        this.refresher = refresher;
        this.stalled = Counter.builder("whalefall.sessions.stalled")
                .description("Running sessions marked failed because their run went silent").register(registry);
    }

    /** Marks the silent running sessions failed and publishes them; returns how many it marked. */
    @Transactional
    public int markSilentSessions() {
        String reason = "no progress from the aggregation run for " + Durations.describe(config.stuckAfter())
                + " (session state abnormal)";
        List<UUID> ids = jdbc.list(MARK, List.of(reason, config.stuckAfter().toString(), BATCH),
                rs -> rs.getObject(1, UUID.class));
        if (!ids.isEmpty()) {
            refresher.refresh(ids, null);
            stalled.increment(ids.size());
            LOG.warnf("Marked %d silent session(s) failed: %s", ids.size(), reason);
        }
        return ids.size();
    }
}
