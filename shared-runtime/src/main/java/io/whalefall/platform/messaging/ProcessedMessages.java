package io.whalefall.platform.messaging;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The processed-message log: the ids of messages this service has applied, written in the same
 * transaction as their effect. A redelivered message finds its id and is acknowledged without being
 * applied again; a concurrent duplicate on another replica waits on the primary key until the first
 * commits, then finds it.
 */
@ApplicationScoped
public class ProcessedMessages {

    private static final Logger LOG = Logger.getLogger(ProcessedMessages.class);
    private static final String MARK = """
            INSERT INTO processed_message (message_id, message_type) VALUES (?, ?) ON CONFLICT DO NOTHING
            """;
    private static final String PURGE = "DELETE FROM processed_message WHERE processed_at < ?";

    private final AgroalDataSource dataSource;
    private final MessagingConfig config;

    public ProcessedMessages(AgroalDataSource dataSource, MessagingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Records the message as processed; false when it already was (a redelivery). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(UUID messageId, String type) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement mark = connection.prepareStatement(MARK)) {
            mark.setObject(1, messageId);
            mark.setString(2, type);
            return mark.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record message " + messageId + " as processed", e);
        }
    }

    /** Forgets ids older than the retention: redeliveries come within minutes, not weeks. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setTimestamp(1, Timestamp.from(Instant.now().minus(config.inbox().processedRetention())));
            int purged = purge.executeUpdate();
            if (purged > 0) {
                LOG.infof("Purged %d processed-message ids older than %s", purged, config.inbox().processedRetention());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge the processed-message log", e);
        }
    }
}
