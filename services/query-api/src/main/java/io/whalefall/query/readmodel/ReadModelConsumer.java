package io.whalefall.query.readmodel;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.whalefall.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Reads the events the read model is built from ({@code InstanceUpserted}, {@code PeriodCompleted}, {@code SessionUpdated}). */
@ApplicationScoped
public class ReadModelConsumer {

    private final Inbox inbox;

    public ReadModelConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("read-model")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbox.process("read-model", message);
    }
}
