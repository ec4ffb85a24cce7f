package io.whalefall.query.readmodel;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies {@code InstanceUpserted} to the instance table. */
@ApplicationScoped
public class InstanceUpsertedHandler implements MessageHandler<InstanceUpserted> {

    private final InstanceProjection projection;
    private final ProjectionMetrics metrics;

    public InstanceUpsertedHandler(InstanceProjection projection, ProjectionMetrics metrics) {
        this.projection = projection;
        this.metrics = metrics;
    }

    @Override
    public MessageType type() {
        return MessageType.INSTANCE_UPSERTED;
    }

    @Override
    public void handle(Envelope<InstanceUpserted> message) {
        InstanceUpserted event = message.payload();
        if (event.instanceId() < 1) {
            throw new PoisonMessageException("instance_id must be positive, got " + event.instanceId());
        }
        if (event.name() == null || event.name().isBlank() || event.dbType() == null || event.dbType().isBlank()) {
            throw new PoisonMessageException("instance " + event.instanceId() + " has no name or db_type");
        }
        metrics.record(type().typeName(), projection.apply(event));
    }
}
