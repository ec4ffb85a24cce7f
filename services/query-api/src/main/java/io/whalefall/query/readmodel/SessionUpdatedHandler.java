package io.whalefall.query.readmodel;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.session.SessionUpdated;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies {@code SessionUpdated} to the sync-session table. */
@ApplicationScoped
public class SessionUpdatedHandler implements MessageHandler<SessionUpdated> {

    private final SessionProjection projection;
    private final ProjectionMetrics metrics;

    public SessionUpdatedHandler(SessionProjection projection, ProjectionMetrics metrics) {
        this.projection = projection;
        this.metrics = metrics;
    }

    @Override
    public MessageType type() {
        return MessageType.SESSION_UPDATED;
    }

    @Override
    public void handle(Envelope<SessionUpdated> message) {
        SessionUpdated event = message.payload();
        if (event.sessionId() == null || event.status() == null) {
            throw new PoisonMessageException("SessionUpdated cannot be applied: session_id or status is missing");
        }
        metrics.record(type().typeName(), projection.apply(event));
    }
}
