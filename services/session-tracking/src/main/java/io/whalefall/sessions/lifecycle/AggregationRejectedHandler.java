package io.whalefall.sessions.lifecycle;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationRejected;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.sessions.store.SessionStore;
import io.whalefall.sessions.tracking.SessionRefresher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A request was refused before it ran: a failed session without records, with the refusal's reason. */
@ApplicationScoped
public class AggregationRejectedHandler implements MessageHandler<AggregationRejected> {

    private final SessionStore store;
    private final SessionRefresher refresher;

    public AggregationRejectedHandler(SessionStore store, SessionRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public MessageType type() {
        return MessageType.AGGREGATION_REJECTED;
    }

    @Override
    public void handle(Envelope<AggregationRejected> message) {
        AggregationRejected event = message.payload();
        EventChecks.requireSession(event.runId(), event.requestId());
        store.recordRejected(event);
        refresher.refresh(List.of(event.runId()), message);
    }
}
