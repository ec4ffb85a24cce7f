package io.whalefall.sessions.maintenance;

import io.agroal.api.AgroalDataSource;
import io.whalefall.sessions.SessionsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Deletes sessions older than {@code whalefall.sessions.retention}, by their start (or, when no start is
 * known, when they were first heard of), with their records, in one statement.
 */
@ApplicationScoped
public class SessionRetention {

    private static final Logger LOG = Logger.getLogger(SessionRetention.class);
    /** Records go with their session (ON DELETE CASCADE). */
    private static final String PURGE = "DELETE FROM sync_session WHERE listed_at < now() - ?::interval";

    private final AgroalDataSource dataSource;
    private final SessionsConfig config;

    public SessionRetention(AgroalDataSource dataSource, SessionsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Deletes the expired sessions; returns how many. */
    @Transactional
    public int purgeExpired() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setString(1, config.retention().toString());
            int deleted = purge.executeUpdate();
            if (deleted > 0) {
                LOG.infof("Deleted %d session(s) older than %s", deleted, Durations.describe(config.retention()));
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete expired sessions", e);
        }
    }
}
