package io.whalefall.contracts.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/** State of a sync session. */
public enum SessionStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("running") RUNNING,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("cancelled") CANCELLED
}
