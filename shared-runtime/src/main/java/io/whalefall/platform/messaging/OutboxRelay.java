package io.whalefall.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.whalefall.contracts.Destination;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms and deletes them once the broker has
 * confirmed them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so every replica can relay at
 * once without publishing a row twice; a crash between publish and delete republishes the row, which
 * consumers recognise by its message id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = """
            SELECT id, message_id, destination, routing_key, message_type, correlation_id, body, traceparent, tracestate
            FROM outbox_message ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
            """;
    private static final String DELETE = "DELETE FROM outbox_message WHERE id = ANY(?)";
    /** Emitter buffer: a full relay batch must fit while confirms are outstanding. */
    private static final int EMITTER_BUFFER = 8192;

    private final Jdbc jdbc;
    private final MessagingConfig config;
    private final Emitter<byte[]> commands;
    private final Emitter<byte[]> events;
    private final Counter published;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private ScheduledExecutorService executor;

    public OutboxRelay(Jdbc jdbc, MessagingConfig config, MeterRegistry registry,
            @Channel("commands-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
            Emitter<byte[]> commands,
            @Channel("events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
            Emitter<byte[]> events) {
        this.jdbc = jdbc;
        this.config = config;
        this.commands = commands;
        this.events = events;
        this.published = Counter.builder("whalefall.outbox.published")
                .description("Messages published from the outbox and confirmed by the broker").register(registry);
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        long pollMillis = config.outbox().pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drainSafely, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdown();
        }
    }

    /** Asks for a drain as soon as possible; calls while one is queued are merged into it. */
    public void wakeUp() {
        if (executor != null && drainQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                drainQueued.set(false);
                drainSafely();
            });
        }
    }

    private void drainSafely() {
        try {
            int batch = config.outbox().batchSize();
            while (relayBatch(batch) == batch) {
                // a full batch means more rows are probably waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Outbox relay failed; retrying in %s", config.outbox().errorBackoff());
            executor.schedule(this::drainSafely, config.outbox().errorBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Publishes one batch in one transaction; returns how many rows it relayed. */
    int relayBatch(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Row> rows = claim(limit);
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<Void>> confirms = new ArrayList<>(rows.size());
            for (Row row : rows) {
                confirms.add(send(row));
            }
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                    .get(config.outbox().confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            delete(rows);
            published.increment(rows.size());
            return rows.size();
        });
    }

    private List<Row> claim(int limit) {
        return jdbc.list(CLAIM, List.of(limit), rs -> new Row(rs.getLong(1), rs.getString(2),
                Destination.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9)));
    }

    private void delete(List<Row> rows) {
        jdbc.update(DELETE, List.of(new SqlArray("bigint", rows.stream().map(Row::id).toArray(Long[]::new))));
    }

    private CompletableFuture<Void> send(Row row) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(row.routingKey())
                .withMessageId(row.messageId())
                .withType(row.type())
                .withCorrelationId(row.correlationId())
                .withContentType("application/json")
                .withDeliveryMode(2)
                .withAppId(config.source());
        // the writer's trace context, not the relay's: the connector's own outgoing tracing stays off for this
        if (row.traceparent() != null) {
            metadata.withHeader(MessageTracing.TRACEPARENT, row.traceparent());
        }
        if (row.tracestate() != null) {
            metadata.withHeader(MessageTracing.TRACESTATE, row.tracestate());
        }
        Message<byte[]> message = Message.of(row.body().getBytes(StandardCharsets.UTF_8), Metadata.of(metadata.build()))
                .withAck(() -> {
                    confirmed.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    confirmed.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitterFor(row.destination()).send(message);
        return confirmed;
    }

    private Emitter<byte[]> emitterFor(Destination destination) {
        return switch (destination) {
            case COMMANDS -> commands;
            case EVENTS -> events;
            case DEAD_LETTERS -> throw new IllegalStateException("dead letters are not relayed through the outbox");
        };
    }

    private record Row(long id, String messageId, Destination destination, String routingKey, String type,
            String correlationId, String body, String traceparent, String tracestate) {
    }
}
