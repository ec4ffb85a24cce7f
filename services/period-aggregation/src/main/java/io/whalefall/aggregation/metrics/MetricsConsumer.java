package io.whalefall.aggregation.metrics;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Reads {@code MetricPointsIngested} events into the inbox; a queue of its own, apart from the capacity facts.
 * Batches are applied one at a time in the order they were published, by a single active consumer across all
 * replicas (see application.properties): lateness is judged against each series' watermark, so applying a
 * later batch first would make the points of an earlier one late.
 */
@ApplicationScoped
public class MetricsConsumer {

    private final Inbox inbox;

    public MetricsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("metrics")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbox.process("metrics", message);
    }
}
