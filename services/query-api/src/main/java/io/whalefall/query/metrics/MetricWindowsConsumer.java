package io.whalefall.query.metrics;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import io.whalefall.platform.messaging.MessageGroups;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reads {@code MetricWindowsUpdated} events, on a queue of their own, into the metric window read model, in
 * groups: what arrived within {@code whalefall.metrics.batch-wait}, up to {@code whalefall.metrics.batch-size}
 * events, is merged together. Consecutive batches of a collector touch the same hour and day windows, which
 * a group then reads and writes once.
 */
@ApplicationScoped
public class MetricWindowsConsumer {

    private static final String CHANNEL = "metric-windows";

    private final Inbox inbox;
    private final MetricWindowsConfig config;

    public MetricWindowsConsumer(Inbox inbox, MetricWindowsConfig config) {
        this.inbox = inbox;
        this.config = config;
    }

    @Incoming(CHANNEL)
    @Outgoing("metric-window-batches")
    public Multi<Message<List<Message<byte[]>>>> group(Multi<Message<byte[]>> messages) {
        return MessageGroups.of(messages, config.batchSize(), config.batchWait());
    }

    /**
     * Applies one group; the inbox acknowledges (or dead-letters, or retries after a delay) each of its
     * messages. Unordered, so that a message waiting for its retry delay holds up no other group: merging is
     * commutative, and the projection's locks keep two groups from merging into one window at once.
     */
    @Incoming("metric-window-batches")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(List<Message<byte[]>> batch) {
        return inbox.processBatch(CHANNEL, batch);
    }
}
