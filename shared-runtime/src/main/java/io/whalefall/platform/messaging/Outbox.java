package io.whalefall.platform.messaging;

import io.whalefall.contracts.Envelope;
import io.whalefall.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
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

    private final Jdbc jdbc;
    private final EnvelopeCodec codec;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final MessageTracing tracing;

    public Outbox(Jdbc jdbc, EnvelopeCodec codec, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
            MessageTracing tracing) {
        this.jdbc = jdbc;
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
        List<List<Object>> rows = new ArrayList<>(messages.size());
        for (OutgoingMessage message : messages) {
            Envelope<Object> envelope = codec.envelope(message);
            rows.add(Arrays.asList(envelope.messageId(), message.type().destination().name(), message.routingKey(),
                    envelope.type(), envelope.correlationId(), codec.encode(envelope), trace.traceparent(),
                    trace.tracestate()));
            ids.add(envelope.messageId());
        }
        jdbc.batch(INSERT, rows);
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
