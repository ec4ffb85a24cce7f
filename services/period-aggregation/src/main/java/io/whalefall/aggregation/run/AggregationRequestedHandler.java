package io.whalefall.aggregation.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationRejected;
import io.whalefall.contracts.aggregation.AggregationRequested;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/**
 * Starts a run for an {@code AggregationRequested} command: one run per request id. A request that cannot
 * run is answered with {@code AggregationRejected}, which session tracking shows as a failed session.
 */
@ApplicationScoped
public class AggregationRequestedHandler implements MessageHandler<AggregationRequested> {

    private static final Logger LOG = Logger.getLogger(AggregationRequestedHandler.class);
    private static final int MAX_REQUEST_ID_LENGTH = 200;

    private final RunPlanner planner;
    private final RunStarter starter;
    private final RunStore runs;
    private final Outbox outbox;
    private final Clock clock;

    public AggregationRequestedHandler(RunPlanner planner, RunStarter starter, RunStore runs, Outbox outbox, Clock clock) {
        this.planner = planner;
        this.starter = starter;
        this.runs = runs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public MessageType type() {
        return MessageType.AGGREGATION_REQUESTED;
    }

    @Override
    public void handle(Envelope<AggregationRequested> message) {
        AggregationRequested request = message.payload();
        checkRequestId(request.requestId());
        RunSpec spec;
        try {
            spec = planner.plan(request);
        } catch (RequestRejectedException e) {
            reject(message, request.requestId(), request.trigger() == null ? null
                    : request.trigger().name().toLowerCase(Locale.ROOT), request.requestedBy(), e.getMessage());
            return;
        }
        starter.start(spec, message.messageId().toString());
    }

    /** A payload that does not match the schema (an unknown period type, say) is reported when it names its request. */
    @Override
    public void handleUndecodable(Envelope<JsonNode> message, String reason) {
        String requestId = message.payload().path("request_id").asText(null);
        checkRequestId(requestId);
        reject(message, requestId, message.payload().path("trigger").asText(null),
                message.payload().path("requested_by").asText(null), "invalid request: " + reason);
    }

    /** Records the refusal once per request id and announces it. */
    private void reject(Envelope<?> message, String requestId, String trigger, String requestedBy, String reason) {
        UUID runId = RunId.forRequest(requestId);
        if (!runs.create(runId, requestId, trigger, requestedBy, null, "rejected", 0, reason)) {
            LOG.infof("Request %s was already received; repeated rejection ignored", requestId);
            return;
        }
        LOG.warnf("Request %s rejected: %s", requestId, reason);
        outbox.add(new OutgoingMessage(MessageType.AGGREGATION_REJECTED,
                new AggregationRejected(runId, requestId, trigger, requestedBy, reason, clock.instant()), requestId,
                message.messageId().toString()));
    }

    private static void checkRequestId(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            throw new PoisonMessageException("request_id is missing");
        }
        if (requestId.length() > MAX_REQUEST_ID_LENGTH) {
            throw new PoisonMessageException("request_id is longer than " + MAX_REQUEST_ID_LENGTH + " characters");
        }
    }
}
