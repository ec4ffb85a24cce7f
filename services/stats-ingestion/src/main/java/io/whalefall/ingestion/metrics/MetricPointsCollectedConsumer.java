package io.whalefall.ingestion.metrics;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Reads {@code MetricPointsCollected} commands from the bus into the inbox. */
@ApplicationScoped
public class MetricPointsCollectedConsumer {

    private final Inbox inbox;

    public MetricPointsCollectedConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("metrics-collected")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbox.process("metrics-collected", message);
    }
}
