package io.whalefall.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Moves a message that can never be processed to its queue's dead-letter queue, with the reason in
 * headers. The broker's own dead-lettering (on reject) would only say "rejected"; operators need to
 * know why. The copy is published with confirms before the original is acknowledged, so the message
 * is never lost.
 */
@ApplicationScoped
public class DeadLetters {

    /** Header holding the human-readable reason. */
    public static final String REASON = "x-whalefall-dead-letter-reason";
    /** Header naming the queue the message was taken from. */
    public static final String ORIGINAL_QUEUE = "x-whalefall-original-queue";
    /** Header naming the exchange the message was published to. */
    public static final String ORIGINAL_EXCHANGE = "x-whalefall-original-exchange";
    /** Header holding the original routing key. */
    public static final String ORIGINAL_ROUTING_KEY = "x-whalefall-original-routing-key";
    /** Header naming the service that rejected the message. */
    public static final String REJECTED_BY = "x-whalefall-rejected-by";
    /** Header holding when it was rejected (ISO-8601). */
    public static final String REJECTED_AT = "x-whalefall-rejected-at";

    private final Emitter<byte[]> emitter;
    private final MessagingConfig config;
    private final MeterRegistry registry;

    public DeadLetters(@Channel("dead-letters-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            Emitter<byte[]> emitter, MessagingConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Publishes a copy of {@code message} to the dead-letter exchange, routed to the dead-letter queue of
     * {@code queue}. Completes when the broker has confirmed the copy, and counts it by queue and {@code code}.
     */
    public CompletionStage<Void> park(String queue, Message<byte[]> message, IncomingRabbitMQMetadata incoming,
            DeadLetterReason code, String reason) {
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withHeaders(incoming.getHeaders())
                .withHeader(REASON, reason)
                .withHeader(ORIGINAL_QUEUE, queue)
                .withHeader(ORIGINAL_EXCHANGE, incoming.getExchange())
                .withHeader(ORIGINAL_ROUTING_KEY, incoming.getRoutingKey())
                .withHeader(REJECTED_BY, config.source())
                .withHeader(REJECTED_AT, Instant.now().toString())
                .withContentType(incoming.getContentType().orElse("application/octet-stream"))
                .withDeliveryMode(2);
        incoming.getMessageId().ifPresent(metadata::withMessageId);
        incoming.getType().ifPresent(metadata::withType);
        incoming.getCorrelationId().ifPresent(metadata::withCorrelationId);

        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        emitter.send(Message.of(message.getPayload(), Metadata.of(metadata.build()))
                .withAck(() -> {
                    confirmed.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    confirmed.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        // Tags stay bounded: queue names come from configuration, codes from an enum.
        return confirmed.thenRun(() -> registry.counter("whalefall.messages.dead.lettered",
                "queue", queue, "reason", code.tag()).increment());
    }
}
