package io.whalefall.aggregation.run;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationCancelRequested;
import io.whalefall.platform.messaging.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Cancels a run: its work items that have not started yet are skipped. */
@ApplicationScoped
public class AggregationCancelRequestedHandler implements MessageHandler<AggregationCancelRequested> {

    private static final Logger LOG = Logger.getLogger(AggregationCancelRequestedHandler.class);

    private final RunStore runs;

    public AggregationCancelRequestedHandler(RunStore runs) {
        this.runs = runs;
    }

    @Override
    public MessageType type() {
        return MessageType.AGGREGATION_CANCEL_REQUESTED;
    }

    @Override
    public void handle(Envelope<AggregationCancelRequested> message) {
        AggregationCancelRequested cancel = message.payload();
        String reason = "cancelled by " + (cancel.requestedBy() == null ? "an operator" : cancel.requestedBy())
                + (cancel.reason() == null || cancel.reason().isBlank() ? "" : ": " + cancel.reason());
        if (runs.cancel(cancel.runId(), reason)) {
            LOG.infof("Run %s %s", cancel.runId(), reason);
        } else {
            LOG.infof("Run %s is not running; cancellation ignored", cancel.runId());
        }
    }
}
