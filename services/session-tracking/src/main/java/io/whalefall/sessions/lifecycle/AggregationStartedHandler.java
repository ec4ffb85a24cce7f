package io.whalefall.sessions.lifecycle;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationStarted;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.sessions.store.SessionStore;
import io.whalefall.sessions.tracking.SessionRefresher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A run started: its session learns what the run is and gets a pending record per instance. */
@ApplicationScoped
public class AggregationStartedHandler implements MessageHandler<AggregationStarted> {

    private final SessionStore store;
    private final SessionRefresher refresher;

    public AggregationStartedHandler(SessionStore store, SessionRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public MessageType type() {
        return MessageType.AGGREGATION_STARTED;
    }

    @Override
    public void handle(Envelope<AggregationStarted> message) {
        AggregationStarted event = message.payload();
        EventChecks.requireSession(event.runId(), event.requestId());
        store.recordStarted(event);
        refresher.refresh(List.of(event.runId()), message);
    }
}
