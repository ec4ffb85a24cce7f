package io.whalefall.query.aggregation;

import java.util.UUID;

/**
 * The sync session a queued request will be tracked in.
 *
 * @param id        the session id (= run id, known before the run starts)
 * @param status    pending until session-tracking reports the run
 * @param eventsUrl the live stream of its progress
 */
public record SessionRef(UUID id, String status, String eventsUrl) {

    /** The pending session of run {@code id}. */
    static SessionRef pending(UUID id) {
        return new SessionRef(id, "pending", "/api/v1/sync-sessions/" + id + "/events");
    }
}
