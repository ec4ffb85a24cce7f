package io.whalefall.query.session;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.whalefall.query.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Listens on a PostgreSQL notification channel for committed session snapshots. The read model is shared
 * by every replica while each event is consumed by one of them, so a database notification is what tells
 * every replica's live streams about a change; PostgreSQL sends it only when the projecting transaction
 * commits. Runs on its own thread with its own connection, reconnecting after a failure.
 */
@ApplicationScoped
public class SessionChangeListener {

    /** The notification channel. */
    public static final String CHANNEL = "whalefall_query_session_changed";

    private static final Logger LOG = Logger.getLogger(SessionChangeListener.class);
    private static final int WAIT_MILLIS = 500;

    private final AgroalDataSource dataSource;
    private final SessionFeed feed;
    private final QueryConfig.Streams config;
    private ScheduledExecutorService executor;
    private volatile Connection connection;
    private volatile boolean stopping;

    public SessionChangeListener(AgroalDataSource dataSource, SessionFeed feed, QueryConfig config) {
        this.dataSource = dataSource;
        this.feed = feed;
        this.config = config.streams();
    }

    /** The notification payload for a snapshot: session id and sequence. */
    public static String payload(UUID sessionId, long sequence) {
        return sessionId + ":" + sequence;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "session-change-listener"));
        executor.execute(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (executor != null) {
            executor.shutdownNow();
        }
        close();
    }

    /** One round, then the next: at once while connected (each round waits for notifications), later after a failure. */
    private void loop() {
        Duration pause = poll();
        if (!stopping) {
            executor.schedule(this::loop, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits up to {@link #WAIT_MILLIS} for notifications and dispatches them; returns the pause before the next round. */
    private Duration poll() {
        try {
            if (connection == null) {
                connect();
                // changes committed while disconnected sent no notification to this replica
                feed.resync();
            }
            PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                dispatch(notifications);
            }
            return Duration.ZERO;
        } catch (SQLException | RuntimeException e) {
            close();
            if (!stopping) {
                LOG.warnf("Session change listener lost its connection (%s); reconnecting in %s", e.getMessage(),
                        config.listenerRetry());
            }
            return config.listenerRetry();
        }
    }

    private void connect() throws SQLException {
        connection = dataSource.getConnection();
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + CHANNEL);
        }
    }

    private void dispatch(PGNotification[] notifications) {
        Set<UUID> changed = new LinkedHashSet<>();
        for (PGNotification notification : notifications) {
            String payload = notification.getParameter();
            int colon = payload.indexOf(':');
            try {
                changed.add(UUID.fromString(colon < 0 ? payload : payload.substring(0, colon)));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Ignoring malformed session notification '%s'", payload);
            }
        }
        changed.forEach(feed::changed);
    }

    private void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the listener connection failed: %s", e.getMessage());
            }
            connection = null;
        }
    }
}
