package io.whalefall.aggregation.metrics;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Reads {@code MetricPointsIngested} events into the inbox, from one queue per partition of series
 * ({@code MetricPartitions}), apart from the capacity facts. Within a partition, batches are applied one at a
 * time in the order they were published, by a single active consumer across all replicas (see
 * application.properties): lateness is judged against each series' watermark, so applying a later batch
 * first would make the points of an earlier one late. The partitions share no series, so they are applied
 * side by side (and take disjoint {@link SeriesLocks} slots).
 */
@ApplicationScoped
public class MetricsConsumer {

    private final Inbox inbox;

    public MetricsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("metrics-0")
    @Blocking
    public CompletionStage<Void> partition0(Message<byte[]> message) {
        return inbox.process("metrics-0", message);
    }

    @Incoming("metrics-1")
    @Blocking
    public CompletionStage<Void> partition1(Message<byte[]> message) {
        return inbox.process("metrics-1", message);
    }

    @Incoming("metrics-2")
    @Blocking
    public CompletionStage<Void> partition2(Message<byte[]> message) {
        return inbox.process("metrics-2", message);
    }

    @Incoming("metrics-3")
    @Blocking
    public CompletionStage<Void> partition3(Message<byte[]> message) {
        return inbox.process("metrics-3", message);
    }
}
