package io.whalefall.sessions.tracking;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.session.SessionRecord;
import io.whalefall.contracts.session.SessionUpdated;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.sessions.state.SessionDerivation;
import io.whalefall.sessions.state.SessionFacts;
import io.whalefall.sessions.state.SessionState;
import io.whalefall.sessions.store.SessionStateStore;
import io.whalefall.sessions.store.SyncSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Brings sessions up to date after their facts changed: derives their state, stores it with the next
 * sequence number and publishes the full snapshot as {@code SessionUpdated}, all in the caller's
 * transaction, so the event exists if and only if the change was committed.
 */
@ApplicationScoped
public class SessionRefresher {

    private final SessionStateStore states;
    private final Outbox outbox;

    public SessionRefresher(SessionStateStore states, Outbox outbox) {
        this.states = states;
        this.outbox = outbox;
    }

    /**
     * Re-derives the sessions and publishes their snapshots.
     *
     * @param cause the message that changed them, null for the service's own actions
     * @return the sessions as stored
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SyncSession> refresh(Collection<UUID> sessionIds, Envelope<?> cause) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, SessionState> derived = new LinkedHashMap<>();
        for (SessionFacts facts : states.facts(sessionIds)) {
            derived.put(facts.sessionId(), SessionDerivation.derive(facts));
        }
        if (derived.isEmpty()) {
            return List.of();
        }
        List<SyncSession> sessions = states.save(derived);
        Map<UUID, List<SessionRecord>> records = states.records(derived.keySet());
        outbox.addAll(sessions.stream()
                .map(session -> snapshot(session, records.getOrDefault(session.sessionId(), List.of()), cause))
                .toList());
        return sessions;
    }

    /** Readers correlate a session's snapshots with the rest of its run by the request id. */
    private static OutgoingMessage snapshot(SyncSession session, List<SessionRecord> records, Envelope<?> cause) {
        SessionUpdated payload = new SessionUpdated(session.sessionId(), session.requestId(), session.syncType(),
                session.syncCategory(), session.status(), session.createdBy(), session.startedAt(), session.completedAt(),
                session.totalInstances(), session.successfulInstances(), session.failedInstances(),
                session.skippedInstances(), session.progress(), session.periodTypes(), session.errorMessage(),
                session.sequence(), session.updatedAt(), records);
        return new OutgoingMessage(MessageType.SESSION_UPDATED, payload, session.requestId(),
                cause == null ? null : cause.messageId().toString());
    }
}
