package io.whalefall.query.metrics;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.whalefall.contracts.MessageType;
import io.whalefall.platform.messaging.Inbox;
import io.whalefall.platform.messaging.KeyedGroups;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Reads {@code MetricWindowsUpdated} events, on a queue of their own, into the metric window read model. The
 * events of one partition of series (routing key {@code metrics.windows-updated.<partition>}) that arrive
 * while a group of that partition is being merged are merged together next, up to
 * {@code whalefall.metrics.batch-size} ({@link KeyedGroups}). A partition's consecutive events come from a
 * collector's consecutive batches, so they touch the same hour and day windows, which a group reads and
 * writes once. Partitions share no series and no lock slot: they are merged side by side.
 */
@ApplicationScoped
public class MetricWindowsConsumer {

    private static final String CHANNEL = "metric-windows";
    private static final String PARTITIONED = MessageType.METRIC_WINDOWS_UPDATED.routingKey() + ".";

    private final KeyedGroups groups;

    public MetricWindowsConsumer(Inbox inbox, MetricWindowsConfig config) {
        this.groups = new KeyedGroups(group -> inbox.processBatch(CHANNEL, group), config.batchSize());
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return groups.submit(partition(message), message);
    }

    /**
     * The partition a message's routing key names; the key itself for any other (an event from a publisher
     * from before partitions, whose series may be of any partition).
     */
    private static String partition(Message<byte[]> message) {
        String key = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(IncomingRabbitMQMetadata::getRoutingKey).orElse("");
        return key.startsWith(PARTITIONED) ? key.substring(PARTITIONED.length()) : key;
    }
}
