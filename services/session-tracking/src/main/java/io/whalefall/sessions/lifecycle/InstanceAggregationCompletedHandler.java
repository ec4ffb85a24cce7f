package io.whalefall.sessions.lifecycle;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.InstanceAggregationCompleted;
import io.whalefall.contracts.aggregation.InstanceOutcome;
import io.whalefall.contracts.session.RecordStatus;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.sessions.store.InstanceOutcomeFact;
import io.whalefall.sessions.store.SessionStore;
import io.whalefall.sessions.tracking.SessionRefresher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * One instance of a run completed or was skipped. It may arrive before the run's AggregationStarted: the
 * record is then created from this event, and the start fills in the rest of the session later.
 */
@ApplicationScoped
public class InstanceAggregationCompletedHandler implements MessageHandler<InstanceAggregationCompleted> {

    private final SessionStore store;
    private final SessionRefresher refresher;

    public InstanceAggregationCompletedHandler(SessionStore store, SessionRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public MessageType type() {
        return MessageType.INSTANCE_AGGREGATION_COMPLETED;
    }

    @Override
    public void handle(Envelope<InstanceAggregationCompleted> message) {
        InstanceAggregationCompleted event = message.payload();
        EventChecks.requireSession(event.runId(), event.requestId());
        EventChecks.requireInstance(event.instanceId());
        boolean skipped = event.outcome() == InstanceOutcome.SKIPPED;
        store.recordInstanceOutcome(event.runId(), event.requestId(), new InstanceOutcomeFact(event.instanceId(),
                event.instanceName(), skipped ? RecordStatus.SKIPPED : RecordStatus.COMPLETED, event.startedAt(),
                event.completedAt(), event.rowsWritten(), skipped ? event.reason() : null, event.periods()));
        refresher.refresh(List.of(event.runId()), message);
    }
}
