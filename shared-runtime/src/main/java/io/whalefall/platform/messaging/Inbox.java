package io.whalefall.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.whalefall.contracts.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Processes every incoming message the same way: decode the envelope, find the handler for its type,
 * and apply it in one transaction together with the processed-message log. Messages that can never be
 * processed go to the dead-letter queue with their reason; transient failures are returned to the queue
 * after a growing delay, and the quorum queue's delivery limit dead-letters a message that keeps failing,
 * so nothing loops forever and nothing is lost. A failure while the database does not answer holds the
 * message until it answers again ({@link DatabaseOutage}): an outage is not the message's fault.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String DELIVERY_COUNT = "x-delivery-count";

    private final Map<String, MessageHandler<?>> handlers = new HashMap<>();
    /** Queue name per channel: read from configuration once, not for every message. */
    private final Map<String, String> queues = new ConcurrentHashMap<>();
    private final EnvelopeCodec codec;
    private final ProcessedMessages processed;
    private final DeadLetters deadLetters;
    private final MessageTracing tracing;
    private final DatabaseOutage databaseOutage;
    private final MessagingConfig config;
    private final Config mpConfig;
    private final MeterRegistry registry;

    public Inbox(@Any Instance<MessageHandler<?>> handlerBeans, EnvelopeCodec codec, ProcessedMessages processed,
            DeadLetters deadLetters, MessageTracing tracing, DatabaseOutage databaseOutage, MessagingConfig config,
            Config mpConfig, MeterRegistry registry) {
        for (MessageHandler<?> handler : handlerBeans) {
            MessageHandler<?> previous = handlers.put(handler.type().typeName(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for " + handler.type().typeName() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.codec = codec;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
        this.databaseOutage = databaseOutage;
        this.config = config;
        this.mpConfig = mpConfig;
        this.registry = registry;
    }

    /**
     * Processes one message of {@code channel}. Call it from a blocking {@code @Incoming} method and return
     * its result, which acknowledges or rejects the message.
     */
    public CompletionStage<Void> process(String channel, Message<byte[]> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a RabbitMQ message on " + channel));
        String queue = queue(channel);
        IncomingEnvelope envelope = null;
        // current while the handler runs, so that the messages it writes to the outbox continue this trace
        MessageTracing.ConsumerSpan span = tracing.consume(queue, metadata);
        try {
            envelope = codec.decode(message.getPayload());
            span.messageType(envelope.type());
            putContext(envelope);
            boolean applied = apply(envelope);
            count(envelope.type(), applied ? "applied" : "duplicate");
            return message.ack();
        } catch (PoisonMessageException e) {
            String type = envelope == null ? metadata.getType().orElse("unknown") : envelope.type();
            LOG.errorf("Dead-lettering %s message %s from %s: %s", type,
                    envelope == null ? metadata.getMessageId().orElse("?") : envelope.messageId(), queue, e.getMessage());
            count(type, "dead_lettered");
            span.failed(e);
            DeadLetterReason code = envelope == null ? DeadLetterReason.MALFORMED
                    : handlers.containsKey(type) ? DeadLetterReason.INVALID : DeadLetterReason.UNKNOWN_TYPE;
            return deadLetters.park(queue, message, metadata, code, e.getMessage())
                    .thenCompose(ignored -> message.ack())
                    .exceptionallyCompose(failure -> retryLater(message, metadata, failure));
        } catch (NotYetApplicableException e) {
            LOG.infof("%s %s will be retried: %s", envelope.type(), envelope.messageId(), e.getMessage());
            count(envelope.type(), "retried");
            return retryLater(message, metadata, e);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Processing %s failed; it will be retried", envelope == null ? "a message" : envelope.type());
            count(envelope == null ? "unknown" : envelope.type(), "retried");
            span.failed(e);
            // while the database is down every message fails: hold it until the database is back and requeue
            // it then, so that the outage costs one delivery, not one per backoff step up to the delivery limit
            return databaseOutage.awaitReachable().thenCompose(afterOutage -> afterOutage
                    ? message.nack(e, Metadata.of(new RabbitMQRejectMetadata(true)))
                    : retryLater(message, metadata, e));
        } finally {
            span.end();
            MDC.clear();
        }
    }

    /**
     * Processes messages of {@code channel} that arrived together. Those whose handler is a
     * {@link BatchMessageHandler} are applied together in one transaction, with the processed-message log, and
     * acknowledged together; the others, and any whose envelope or payload cannot be read, go through
     * {@link #process} one by one. When the transaction fails (a poison message among them, a conflict, an
     * outage), it is rolled back and every message of it goes through {@link #process} on its own, which
     * dead-letters or retries exactly the one at fault. Messages are not applied in arrival order, so use it
     * only for a channel whose handlers do not depend on that order (each keeps the newest revision or version).
     * Call it from a blocking {@code @Incoming} method.
     */
    public CompletionStage<Void> processBatch(String channel, List<Message<byte[]>> messages) {
        List<Batched> together = new ArrayList<>();
        List<Message<byte[]>> alone = new ArrayList<>();
        for (Message<byte[]> message : messages) {
            Batched batched = messages.size() > 1 ? batchable(message) : null;
            if (batched == null) {
                alone.add(message);
            } else {
                together.add(batched);
            }
        }
        // every message's database work runs here, on this worker thread; what is left is acknowledging
        List<CompletionStage<Void>> outcomes = new ArrayList<>();
        if (!together.isEmpty()) {
            outcomes.addAll(applyTogether(channel, together));
        }
        for (Message<byte[]> message : alone) {
            outcomes.add(process(channel, message));
        }
        return CompletableFuture.allOf(outcomes.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture<?>[]::new));
    }

    /** A message decoded for a batch: its typed envelope and the handler that takes it. */
    private record Batched(Message<byte[]> message, IncomingRabbitMQMetadata metadata, Envelope<?> envelope,
            BatchMessageHandler<?> handler) {
    }

    /** The message decoded for a batch, or null when it must go alone (or its body is for the inbox to judge). */
    private Batched batchable(Message<byte[]> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        if (metadata == null) {
            return null;
        }
        try {
            IncomingEnvelope raw = codec.decode(message.getPayload());
            if (!(handlers.get(raw.type()) instanceof BatchMessageHandler<?> handler)) {
                return null;
            }
            return new Batched(message, metadata, codec.typed(raw, handler.type().payloadType()), handler);
        } catch (PoisonMessageException e) {
            return null;
        }
    }

    /** Applies the batch in one transaction, or else each message on its own; returns each message's outcome. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<CompletionStage<Void>> applyTogether(String channel, List<Batched> batch) {
        String queue = queue(channel);
        Deque<MessageTracing.ConsumerSpan> spans = new ArrayDeque<>();
        Set<UUID> applied;
        try {
            for (Batched batched : batch) {
                MessageTracing.ConsumerSpan span = tracing.consume(queue, batched.metadata());
                span.messageType(batched.envelope().type());
                spans.push(span);
            }
            applied = QuarkusTransaction.requiringNew().call(() -> {
                Set<UUID> fresh = processed.markAllProcessed(
                        batch.stream().map(b -> b.envelope().messageId()).toList(),
                        batch.stream().map(b -> b.envelope().type()).toList());
                Map<BatchMessageHandler, List<Envelope>> byHandler = new LinkedHashMap<>();
                Set<UUID> taken = new HashSet<>();
                for (Batched batched : batch) {
                    // a message delivered twice in one batch is applied once
                    if (fresh.contains(batched.envelope().messageId()) && taken.add(batched.envelope().messageId())) {
                        byHandler.computeIfAbsent(batched.handler(), h -> new ArrayList<>()).add(batched.envelope());
                    }
                }
                byHandler.forEach((handler, envelopes) -> handler.handleAll((List) envelopes));
                return taken;
            });
        } catch (RuntimeException e) {
            LOG.infof("A batch of %d messages from %s failed together (%s); each is processed on its own",
                    batch.size(), queue, e.getMessage());
            applied = null;
        } finally {
            while (!spans.isEmpty()) {
                spans.pop().end();
            }
        }
        List<CompletionStage<Void>> outcomes = new ArrayList<>(batch.size());
        for (Batched batched : batch) {
            if (applied == null) {
                outcomes.add(process(channel, batched.message()));
            } else {
                count(batched.envelope().type(), applied.remove(batched.envelope().messageId()) ? "applied" : "duplicate");
                outcomes.add(batched.message().ack());
            }
        }
        return outcomes;
    }

    private String queue(String channel) {
        return queues.computeIfAbsent(channel, c -> mpConfig
                .getOptionalValue("mp.messaging.incoming." + c + ".queue.name", String.class).orElse(c));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean apply(IncomingEnvelope raw) {
        MessageHandler handler = handlers.get(raw.type());
        if (handler == null) {
            throw new PoisonMessageException("no handler for message type '" + raw.type() + "' in " + config.source());
        }
        Envelope typed;
        String undecodable;
        try {
            typed = codec.typed(raw, handler.type().payloadType());
            undecodable = null;
        } catch (PoisonMessageException e) {
            typed = null;
            undecodable = e.getMessage();
        }
        Envelope message = typed;
        String reason = undecodable;
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!processed.markProcessed(raw.messageId(), raw.type())) {
                return false;
            }
            if (message == null) {
                handler.handleUndecodable(codec.tree(raw), reason);
            } else {
                handler.handle(message);
            }
            return true;
        });
    }

    /** Returns the message to its queue after a delay that doubles with each delivery. */
    private CompletionStage<Void> retryLater(Message<byte[]> message, IncomingRabbitMQMetadata metadata,
            Throwable failure) {
        long deliveries = metadata.getHeader(DELIVERY_COUNT, Number.class).map(Number::longValue).orElse(0L);
        Duration base = config.inbox().retryBaseDelay();
        Duration delay = base.multipliedBy(1L << Math.min(deliveries, 16));
        if (delay.compareTo(config.inbox().retryMaxDelay()) > 0) {
            delay = config.inbox().retryMaxDelay();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .subscribeAsCompletionStage()
                .thenCompose(ignored -> message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(true))));
    }

    private void count(String type, String outcome) {
        // only known types become tag values: a flood of garbage must not create unbounded series
        String tag = handlers.containsKey(type) ? type : "unknown";
        registry.counter("whalefall.messages.consumed", "type", tag, "outcome", outcome).increment();
    }

    private static void putContext(IncomingEnvelope envelope) {
        MDC.put("message_id", envelope.messageId().toString());
        MDC.put("message_type", envelope.type());
        if (envelope.correlationId() != null) {
            MDC.put("correlation_id", envelope.correlationId());
        }
    }
}
