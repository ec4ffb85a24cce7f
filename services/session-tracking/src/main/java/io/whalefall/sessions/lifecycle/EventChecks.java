package io.whalefall.sessions.lifecycle;

import io.whalefall.platform.messaging.PoisonMessageException;

import java.util.UUID;

/** Checks that a lifecycle event says which session it belongs to; without that it can never be applied. */
final class EventChecks {

    private EventChecks() {
    }

    static void requireSession(UUID runId, String requestId) {
        if (runId == null) {
            throw new PoisonMessageException("run_id is missing");
        }
        if (requestId == null || requestId.isBlank()) {
            throw new PoisonMessageException("request_id is missing");
        }
    }

    static void requireInstance(long instanceId) {
        if (instanceId <= 0) {
            throw new PoisonMessageException("instance_id must be a positive number, not " + instanceId);
        }
    }
}
