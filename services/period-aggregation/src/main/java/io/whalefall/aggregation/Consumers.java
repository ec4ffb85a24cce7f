package io.whalefall.aggregation;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** The service's queues, each handed to the inbox. */
@ApplicationScoped
public class Consumers {

    private final Inbox inbox;

    public Consumers(Inbox inbox) {
        this.inbox = inbox;
    }

    /** {@code InstanceUpserted} and {@code StatsIngested}. */
    @Incoming("facts")
    @Blocking(ordered = false)
    public CompletionStage<Void> facts(Message<byte[]> message) {
        return inbox.process("facts", message);
    }

    /** {@code AggregationRequested} and {@code AggregationCancelRequested}. */
    @Incoming("requests")
    @Blocking(ordered = false)
    public CompletionStage<Void> requests(Message<byte[]> message) {
        return inbox.process("requests", message);
    }

    /** Per-instance work items, shared by all replicas. */
    @Incoming("work")
    @Blocking(ordered = false)
    public CompletionStage<Void> work(Message<byte[]> message) {
        return inbox.process("work", message);
    }
}
