package io.whalefall.sessions.lifecycle;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.InstanceAggregationFailed;
import io.whalefall.contracts.session.RecordStatus;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.sessions.store.InstanceOutcomeFact;
import io.whalefall.sessions.store.SessionStore;
import io.whalefall.sessions.tracking.SessionRefresher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** One instance of a run failed: its record keeps the error for the session's error log. */
@ApplicationScoped
public class InstanceAggregationFailedHandler implements MessageHandler<InstanceAggregationFailed> {

    private final SessionStore store;
    private final SessionRefresher refresher;

    public InstanceAggregationFailedHandler(SessionStore store, SessionRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public MessageType type() {
        return MessageType.INSTANCE_AGGREGATION_FAILED;
    }

    @Override
    public void handle(Envelope<InstanceAggregationFailed> message) {
        InstanceAggregationFailed event = message.payload();
        EventChecks.requireSession(event.runId(), event.requestId());
        EventChecks.requireInstance(event.instanceId());
        String error = event.error() == null || event.error().isBlank() ? "aggregation failed" : event.error();
        store.recordInstanceOutcome(event.runId(), event.requestId(), new InstanceOutcomeFact(event.instanceId(),
                event.instanceName(), RecordStatus.FAILED, event.startedAt(), event.failedAt(), 0, error, List.of()));
        refresher.refresh(List.of(event.runId()), message);
    }
}
