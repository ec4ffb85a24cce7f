package io.whalefall.aggregation.instance;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.platform.messaging.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the instance copy current. */
@ApplicationScoped
public class InstanceUpsertedHandler implements MessageHandler<InstanceUpserted> {

    private final InstanceDirectory directory;

    public InstanceUpsertedHandler(InstanceDirectory directory) {
        this.directory = directory;
    }

    @Override
    public MessageType type() {
        return MessageType.INSTANCE_UPSERTED;
    }

    @Override
    public void handle(Envelope<InstanceUpserted> message) {
        directory.apply(message.payload());
    }
}
