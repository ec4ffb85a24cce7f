package io.whalefall.platform.messaging;

import io.quarkus.scheduler.Scheduled;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private static final String MARK_ALL = """
            INSERT INTO processed_message (message_id, message_type)
            SELECT * FROM unnest(?::text[]::uuid[], ?::text[]) ON CONFLICT DO NOTHING
            RETURNING message_id
            """;
    private static final String PURGE = "DELETE FROM processed_message WHERE processed_at < ?";

    private final Jdbc jdbc;
    private final MessagingConfig config;

    public ProcessedMessages(Jdbc jdbc, MessagingConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** Records the message as processed; false when it already was (a redelivery). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(UUID messageId, String type) {
        return !markAllProcessed(List.of(messageId), List.of(type)).isEmpty();
    }

    /** Records the messages as processed; returns the ids that were not yet (the others are redeliveries). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> markAllProcessed(List<UUID> messageIds, List<String> types) {
        Set<UUID> marked = new HashSet<>();
        jdbc.forEach(MARK_ALL, List.of(SqlArray.texts(messageIds.stream().map(UUID::toString).toList()),
                SqlArray.texts(types)), rs -> marked.add(rs.getObject(1, UUID.class)));
        return marked;
    }

    /** Forgets ids older than the retention: redeliveries come within minutes, not weeks. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        int purged = jdbc.update(PURGE, List.of(Instant.now().minus(config.inbox().processedRetention())));
        if (purged > 0) {
            LOG.infof("Purged %d processed-message ids older than %s", purged, config.inbox().processedRetention());
        }
    }
}
