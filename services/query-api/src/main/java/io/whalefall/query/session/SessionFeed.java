package io.whalefall.query.session;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live snapshots of sessions for the streams that follow them. The {@link SessionChangeListener} reports
 * committed changes; the feed reads the snapshot once per change and hands it to every follower of that
 * session. Followers drop snapshots they have already sent, so a change reported twice is sent once.
 */
@ApplicationScoped
public class SessionFeed {

    private final ConcurrentHashMap<UUID, Set<Follower>> followers = new ConcurrentHashMap<>();
    private final SessionQueries queries;

    public SessionFeed(SessionQueries queries) {
        this.queries = queries;
    }

    /**
     * The session's current snapshot (when newer than {@code afterSequence}), then every newer one as it is
     * committed; completes once the session has ended.
     */
    public Multi<SessionView> follow(UUID sessionId, long afterSequence) {
        return Multi.createFrom().<SessionView>emitter(emitter -> {
            Follower follower = new Follower(emitter, afterSequence);
            followers.compute(sessionId, (id, set) -> {
                Set<Follower> live = set == null ? ConcurrentHashMap.newKeySet() : set;
                live.add(follower);
                return live;
            });
            emitter.onTermination(() -> followers.computeIfPresent(sessionId, (id, set) -> {
                set.remove(follower);
                return set.isEmpty() ? null : set;
            }));
            // read only after registering: a change committed meanwhile reaches the follower either way
            queries.find(sessionId).ifPresent(follower::offer);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Number of sessions someone follows right now. */
    public int followedSessions() {
        return followers.size();
    }

    /** A snapshot of {@code sessionId} was committed: send it to its followers. */
    void changed(UUID sessionId) {
        Set<Follower> set = followers.get(sessionId);
        if (set != null && !set.isEmpty()) {
            queries.find(sessionId).ifPresent(snapshot -> set.forEach(follower -> follower.offer(snapshot)));
        }
    }

    /** Changes may have been missed (the listener reconnected): re-read every followed session. */
    void resync() {
        followers.keySet().forEach(this::changed);
    }

    /** One stream's view of a session: emits snapshots in sequence order, once each, and ends after the last. */
    private static final class Follower {

        private final MultiEmitter<? super SessionView> emitter;
        private long lastSequence;
        private boolean ended;

        Follower(MultiEmitter<? super SessionView> emitter, long afterSequence) {
            this.emitter = emitter;
            this.lastSequence = afterSequence;
        }

        synchronized void offer(SessionView snapshot) {
            if (ended) {
                return;
            }
            if (snapshot.sequence() > lastSequence) {
                lastSequence = snapshot.sequence();
                emitter.emit(snapshot);
            }
            if (snapshot.terminal()) {
                ended = true;
                emitter.complete();
            }
        }
    }
}
