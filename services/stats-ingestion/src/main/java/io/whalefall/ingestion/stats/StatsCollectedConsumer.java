package io.whalefall.ingestion.stats;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Reads {@code StatsCollected} commands from the bus into the inbox. */
@ApplicationScoped
public class StatsCollectedConsumer {

    private final Inbox inbox;

    public StatsCollectedConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("stats-collected")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbox.process("stats-collected", message);
    }
}
