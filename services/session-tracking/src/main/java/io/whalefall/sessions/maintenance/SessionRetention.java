package io.whalefall.sessions.maintenance;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.sessions.SessionsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Deletes sessions older than {@code whalefall.sessions.retention}, by their start (or, when no start is
 * known, when they were first heard of), with their records, in one statement.
 */
@ApplicationScoped
public class SessionRetention {

    private static final Logger LOG = Logger.getLogger(SessionRetention.class);
    /** Records go with their session (ON DELETE CASCADE). */
    private static final String PURGE = "DELETE FROM sync_session WHERE listed_at < now() - ?::interval";

    private final Jdbc jdbc;
    private final SessionsConfig config;

    public SessionRetention(Jdbc jdbc, SessionsConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** Deletes the expired sessions; returns how many. */
    @Transactional
    public int purgeExpired() {
        int deleted = jdbc.update(PURGE, List.of(config.retention().toString()));
        if (deleted > 0) {
            LOG.infof("Deleted %d session(s) older than %s", deleted, Durations.describe(config.retention()));
        }
        return deleted;
    }
}
