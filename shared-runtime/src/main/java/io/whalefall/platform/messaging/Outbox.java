package io.whalefall.platform.messaging;

import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox: messages are written as rows in the caller's transaction, so they exist if
 * and only if the state change that caused them was committed. The {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    /**
     * One row per message, sent as a JDBC batch: each body travels as its own parameter, so large JSON
     * bodies are never escaped into an array literal.
     */
    private static final String INSERT = """
            INSERT INTO outbox_message (message_id, destination, routing_key, message_type, correlation_id, body,
                                        traceparent, tracestate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final Object WAKE_UP_REGISTERED = new Object();

    private final AgroalDataSource dataSource;
    private final EnvelopeCodec codec;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final MessageTracing tracing;

    public Outbox(AgroalDataSource dataSource, EnvelopeCodec codec, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay, MessageTracing tracing) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.transactions = transactions;
        this.relay = relay;
        this.tracing = tracing;
    }

    /** Adds one message; returns its message id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID add(OutgoingMessage message) {
        return addAll(List.of(message)).get(0);
    }

    /** Adds messages in one round trip, in order; returns their message ids. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> addAll(Collection<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>(messages.size());
        // the span writing the rows (an HTTP request's, a consumed message's) is the parent of their consumers' spans
        MessageTracing.TraceHeaders trace = tracing.current();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (OutgoingMessage message : messages) {
                Envelope<Object> envelope = codec.envelope(message);
                insert.setObject(1, envelope.messageId());
                insert.setString(2, message.type().destination().name());
                insert.setString(3, message.type().routingKey());
                insert.setString(4, envelope.type());
                insert.setString(5, envelope.correlationId());
                insert.setString(6, codec.encode(envelope));
                insert.setString(7, trace.traceparent());
                insert.setString(8, trace.tracestate());
                insert.addBatch();
                ids.add(envelope.messageId());
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write " + messages.size() + " outbox message(s)", e);
        }
        wakeRelayAfterCommit();
        return ids;
    }

    /** Lets the relay publish right after this transaction commits instead of at its next poll. */
    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
