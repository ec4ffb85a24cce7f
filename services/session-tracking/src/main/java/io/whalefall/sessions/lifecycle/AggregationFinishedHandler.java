package io.whalefall.sessions.lifecycle;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationFinished;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import io.whalefall.sessions.store.SessionStore;
import io.whalefall.sessions.tracking.SessionRefresher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Every work item of a run ended: the run's outcome ends the session. Records whose events are still on
 * their way are filled in when they arrive; the totals always follow the records.
 */
@ApplicationScoped
public class AggregationFinishedHandler implements MessageHandler<AggregationFinished> {

    private final SessionStore store;
    private final SessionRefresher refresher;

    public AggregationFinishedHandler(SessionStore store, SessionRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public MessageType type() {
        return MessageType.AGGREGATION_FINISHED;
    }

    @Override
    public void handle(Envelope<AggregationFinished> message) {
        AggregationFinished event = message.payload();
        EventChecks.requireSession(event.runId(), event.requestId());
        if (event.outcome() == null) {
            throw new PoisonMessageException("outcome is missing");
        }
        store.recordFinished(event);
        refresher.refresh(List.of(event.runId()), message);
    }
}
