package io.whalefall.contracts.aggregation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The run id (= sync session id) of a request, part of the contract: a name-based UUID (version 3) of
 * {@code "whalefall-run:" + request_id}. A requester knows its session id before the run starts, and a
 * request delivered twice maps to the same run.
 */
public final class RunId {

    private RunId() {
    }

    /** The run id of {@code requestId}. */
    public static UUID forRequest(String requestId) {
        return UUID.nameUUIDFromBytes(("whalefall-run:" + requestId).getBytes(StandardCharsets.UTF_8));
    }
}
