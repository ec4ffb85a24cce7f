package io.whalefall.sessions.tracking;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationCancelRequested;
import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.sessions.state.Codes;
import io.whalefall.sessions.store.SessionStore;
import io.whalefall.sessions.store.SyncSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An admin's cancellation of a running session: recorded on the session and sent to period-aggregation
 * as {@code AggregationCancelRequested}, which skips the run's remaining work items and finishes the run
 * as cancelled; the session follows from those events.
 */
@ApplicationScoped
public class SessionCancellation {

    private static final Logger LOG = Logger.getLogger(SessionCancellation.class);

    private final SessionStore store;
    private final SessionRefresher refresher;
    private final Outbox outbox;

    public SessionCancellation(SessionStore store, SessionRefresher refresher, Outbox outbox) {
        this.store = store;
        this.refresher = refresher;
        this.outbox = outbox;
    }

    /**
     * Asks for the session's run to be cancelled.
     *
     * @return the session after the request, empty when there is no such session
     * @throws CancellationRefusedException when the session is not running or cancelling was already asked for
     */
    @Transactional
    public Optional<SyncSession> cancel(UUID sessionId, String requestedBy, String reason) {
        Optional<SessionStore.Locked> locked = store.lock(sessionId);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        SessionStore.Locked session = locked.get();
        if (session.status() != SessionStatus.RUNNING) {
            throw new CancellationRefusedException("Sync session " + sessionId + " is " + Codes.of(session.status())
                    + ": only a running session can be cancelled");
        }
        if (session.cancelRequestedBy() != null) {
            throw new CancellationRefusedException("Cancellation of sync session " + sessionId
                    + " was already requested by " + session.cancelRequestedBy() + " at " + session.cancelRequestedAt());
        }
        String trimmed = reason == null || reason.isBlank() ? null : reason.trim();
        store.recordCancelRequest(sessionId, requestedBy, trimmed);
        outbox.add(OutgoingMessage.of(MessageType.AGGREGATION_CANCEL_REQUESTED,
                new AggregationCancelRequested(sessionId, requestedBy, trimmed), session.requestId()));
        LOG.infof("Cancellation of session %s requested by %s", sessionId, requestedBy);
        return Optional.of(refresher.refresh(List.of(sessionId), null).get(0));
    }
}
