package io.whalefall.query.metrics;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Reads {@code MetricWindowsUpdated} events, on a queue of their own, into the metric window read model. */
@ApplicationScoped
public class MetricWindowsConsumer {

    private final Inbox inbox;

    public MetricWindowsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("metric-windows")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbox.process("metric-windows", message);
    }
}
