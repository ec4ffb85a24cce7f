package io.whalefall.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.MessageType;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;

import java.time.Duration;
import java.util.Arrays;

import static org.awaitility.Awaitility.await;

/** Publishes events on the real bus, as the other services do, and waits until query-api has processed them. */
final class EventFeed implements AutoCloseable {

    private final TestBus bus;
    private final Jdbc jdbc;

    EventFeed(TestInfrastructure infrastructure, AgroalDataSource dataSource) {
        this.bus = new TestBus(infrastructure.virtualHost());
        this.jdbc = new Jdbc(dataSource);
    }

    /** The underlying bus, for taps and dead letters. */
    TestBus bus() {
        return bus;
    }

    /** Publishes {@code payload} as a {@code type} event; returns the envelope (its message id names it). */
    ObjectNode publish(MessageType type, Object payload) {
        ObjectNode envelope = TestBus.envelope(type.typeName(), payload);
        bus.publish(type.destination().defaultExchange(), type.routingKey(), envelope);
        return envelope;
    }

    /** Publishes the events one after the other, each once the previous one has been processed. */
    void apply(MessageType type, Object... payloads) {
        for (Object payload : payloads) {
            awaitProcessed(publish(type, payload));
        }
    }

    /** Publishes the events at once (consumed concurrently) and waits until every one has been processed. */
    void applyAll(MessageType type, java.util.List<?> payloads) {
        java.util.List<ObjectNode> envelopes = payloads.stream().map(p -> publish(type, p)).toList();
        envelopes.forEach(this::awaitProcessed);
    }

    /** Waits until the inbox has recorded the envelope's message as processed. */
    void awaitProcessed(ObjectNode envelope) {
        String id = envelope.path("message_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", id) == 1);
    }

    /** A count query against the read model. */
    long count(String sql, Object... parameters) {
        return jdbc.count(sql, Arrays.asList(parameters));
    }

    @Override
    public void close() {
        bus.close();
    }
}
