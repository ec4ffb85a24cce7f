package io.whalefall.platform.messaging;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the inbox whether a failed message failed because the database is unreachable, and when it answers
 * again. A message held through an outage is returned to its queue once, when the database is back, instead
 * of once per backoff step: an outage longer than the backoff's way to the delivery limit would otherwise
 * dead-letter every good message in flight. One probe thread serves every waiting message; all state is
 * touched on that thread only.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final AgroalDataSource dataSource;
    private final MessagingConfig config;
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "inbox-database-probe");
        thread.setDaemon(true);
        return thread;
    });
    /** Completes when the current outage ends; null while the database answers. */
    private CompletableFuture<Void> outage;

    public DatabaseOutage(AgroalDataSource dataSource, MessagingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void stop(@Observes ShutdownEvent event) {
        probe.shutdownNow();
    }

    /**
     * Completes with {@code false} at once when the database answers, or with {@code true} when it answers
     * again after not answering.
     */
    public CompletionStage<Boolean> awaitReachable() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        probe.execute(() -> {
            if (outage == null) {
                if (reachable()) {
                    result.complete(false);
                    return;
                }
                LOG.warnf("The database does not answer: held messages wait for it (checked every %s) instead of "
                        + "spending their deliveries", config.inbox().outageCheckInterval());
                outage = new CompletableFuture<>();
                scheduleCheck();
            }
            outage.thenRun(() -> result.complete(true));
        });
        return result;
    }

    private void scheduleCheck() {
        probe.schedule(() -> {
            if (reachable()) {
                LOG.info("The database answers again: returning held messages to their queues");
                CompletableFuture<Void> ended = outage;
                outage = null;
                ended.complete(null);
            } else {
                scheduleCheck();
            }
        }, config.inbox().outageCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Database probe failed: %s", e.getMessage());
        }
        // connections cut by the outage would otherwise be handed out, and fail, after it ends
        dataSource.flush(AgroalDataSource.FlushMode.INVALID);
        return false;
    }
}
