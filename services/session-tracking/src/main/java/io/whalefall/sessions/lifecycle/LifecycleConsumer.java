package io.whalefall.sessions.lifecycle;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Reads the aggregation lifecycle events from the bus into the inbox. */
@ApplicationScoped
public class LifecycleConsumer {

    private final Inbox inbox;

    public LifecycleConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Events of any run, in any order: the session row lock keeps each session's updates in sequence. */
    @Incoming("lifecycle")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbox.process("lifecycle", message);
    }
}
