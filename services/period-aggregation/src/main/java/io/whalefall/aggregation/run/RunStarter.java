package io.whalefall.aggregation.run;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationFinished;
import io.whalefall.contracts.aggregation.AggregationStarted;
import io.whalefall.contracts.aggregation.AggregationWorkItem;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a run: records it and its work items and publishes {@code AggregationStarted} and one
 * {@code AggregationWorkItem} per instance, in the caller's transaction. Idempotent per request id.
 */
@ApplicationScoped
public class RunStarter {

    private static final Logger LOG = Logger.getLogger(RunStarter.class);

    private final RunStore runs;
    private final Outbox outbox;
    private final Clock clock;

    public RunStarter(RunStore runs, Outbox outbox, Clock clock) {
        this.runs = runs;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Starts the run unless one exists for its request id.
     *
     * @param causationId the message that asked for it, null for the service's own triggers
     * @return false when the request was already received
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean start(RunSpec spec, String causationId) {
        if (!runs.create(spec.runId(), spec.requestId(), spec.triggerCode(), spec.requestedBy(), spec.modeCode(),
                "running", spec.instances().size(), null)) {
            LOG.infof("Request %s was already received: run %s exists, nothing started", spec.requestId(), spec.runId());
            return false;
        }
        Instant now = clock.instant();
        List<InstanceRef> instances = spec.instances().entrySet().stream()
                .map(e -> new InstanceRef(e.getKey(), e.getValue())).toList();
        List<OutgoingMessage> messages = new ArrayList<>();
        messages.add(message(spec, causationId, MessageType.AGGREGATION_STARTED, new AggregationStarted(spec.runId(),
                spec.requestId(), spec.trigger(), spec.requestedBy(), spec.mode(), spec.periodTypes(), spec.from(),
                spec.to(), spec.force(), instances, spec.allPeriods(), now)));
        if (instances.isEmpty()) {
            runs.finishRun(spec.runId(), RunOutcome.COMPLETED);
            messages.add(message(spec, causationId, MessageType.AGGREGATION_FINISHED,
                    new AggregationFinished(spec.runId(), spec.requestId(), RunOutcome.COMPLETED, 0, 0, 0, 0, now)));
        } else {
            runs.addItems(spec.runId(), spec.instances().keySet());
            for (InstanceRef instance : instances) {
                messages.add(message(spec, causationId, MessageType.AGGREGATION_WORK_ITEM, new AggregationWorkItem(
                        spec.runId(), spec.requestId(), instance.instanceId(),
                        spec.periodsByInstance().get(instance.instanceId()), spec.force())));
            }
        }
        outbox.addAll(messages);
        LOG.infof("Run %s started for request %s: %d instance(s), %d period(s)", spec.runId(), spec.requestId(),
                instances.size(), spec.allPeriods().size());
        return true;
    }

    /** Every message of a run carries its request id as correlation id. */
    private static OutgoingMessage message(RunSpec spec, String causationId, MessageType type, Object payload) {
        return new OutgoingMessage(type, payload, spec.requestId(), causationId);
    }
}
