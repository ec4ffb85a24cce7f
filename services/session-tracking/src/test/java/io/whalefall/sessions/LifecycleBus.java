package io.whalefall.sessions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.MessageType;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The bus as period-aggregation uses it: publishes lifecycle events to {@code whalefall.events} and waits
 * until session tracking has applied them (their ids are in its processed-message log).
 */
final class LifecycleBus implements AutoCloseable {

    static final String EVENTS = "whalefall.events";

    private final TestBus bus;
    private final Jdbc jdbc;

    LifecycleBus(TestInfrastructure infrastructure, AgroalDataSource dataSource) {
        this.bus = new TestBus(infrastructure.virtualHost());
        this.jdbc = new Jdbc(dataSource);
    }

    TestBus raw() {
        return bus;
    }

    /** An envelope for an event of {@code run}, correlated by its request id as period-aggregation does. */
    static ObjectNode envelope(Run run, Object payload) {
        MessageType type = typeOf(payload);
        ObjectNode envelope = TestBus.envelope(type.typeName(), payload);
        envelope.put("correlation_id", run.requestId());
        envelope.put("source", "period-aggregation");
        return envelope;
    }

    /** The same event again under a new message id, as a producer re-sending it would. */
    static ObjectNode resent(ObjectNode envelope) {
        ObjectNode copy = envelope.deepCopy();
        copy.put("message_id", UUID.randomUUID().toString());
        return copy;
    }

    /** Publishes without waiting for it to be applied. */
    void publish(ObjectNode envelope) {
        MessageType type = MessageType.byTypeName(envelope.path("type").asText()).orElseThrow();
        bus.publish(EVENTS, type.routingKey(), envelope);
    }

    /** Publishes each event and waits until it was applied, so they are applied in exactly this order. */
    void apply(Run run, Object... payloads) {
        for (Object payload : payloads) {
            ObjectNode envelope = envelope(run, payload);
            publish(envelope);
            awaitApplied(List.of(envelope));
        }
    }

    /** Waits until every envelope's message id is in the processed-message log. */
    void awaitApplied(Collection<ObjectNode> envelopes) {
        UUID[] ids = envelopes.stream().map(e -> UUID.fromString(e.path("message_id").asText())).toArray(UUID[]::new);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25)).until(() -> processed(ids) == ids.length);
    }

    private long processed(UUID[] ids) {
        return jdbc.count("SELECT count(*) FROM processed_message WHERE message_id = ANY(?)",
                List.of(new SqlArray("uuid", ids)));
    }

    private static MessageType typeOf(Object payload) {
        return java.util.Arrays.stream(MessageType.values()).filter(t -> t.payloadType().isInstance(payload)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a message payload: " + payload));
    }

    @Override
    public void close() {
        bus.close();
    }
}
