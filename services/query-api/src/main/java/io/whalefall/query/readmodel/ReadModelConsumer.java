package io.whalefall.query.readmodel;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reads the events the read model is built from ({@code InstanceUpserted}, {@code PeriodCompleted},
 * {@code SessionUpdated}) in batches: what arrived within {@code batch-wait}, up to {@code batch-size}
 * events, is applied together (a backfill publishes thousands of {@code PeriodCompleted} at once).
 */
@ApplicationScoped
public class ReadModelConsumer {

    private static final String CHANNEL = "read-model";

    private final Inbox inbox;
    private final int batchSize;
    private final Duration batchWait;

    public ReadModelConsumer(Inbox inbox,
            @ConfigProperty(name = "whalefall.read-model.batch-size") int batchSize,
            @ConfigProperty(name = "whalefall.read-model.batch-wait") Duration batchWait) {
        this.inbox = inbox;
        this.batchSize = batchSize;
        this.batchWait = batchWait;
    }

    /**
     * Groups the queue's messages. The buffer after the grouping takes every group at once, so that a group
     * closed by the timer never waits for demand (which would fail the stream); it holds at most as many
     * groups as the channel's {@code max-outstanding-messages}, since each group has at least one unacknowledged
     * message.
     */
    @Incoming(CHANNEL)
    @Outgoing("read-model-batches")
    public Multi<Message<List<Message<byte[]>>>> group(Multi<Message<byte[]>> messages) {
        return messages.group().intoLists().of(batchSize, batchWait)
                .onOverflow().bufferUnconditionally()
                .map(Message::of);
    }

    /**
     * Applies one group; the inbox acknowledges (or dead-letters, or retries after a delay) each of its
     * messages. Unordered, so that a message waiting for its retry delay holds up no other group.
     */
    @Incoming("read-model-batches")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(List<Message<byte[]>> batch) {
        return inbox.processBatch(CHANNEL, batch);
    }
}
