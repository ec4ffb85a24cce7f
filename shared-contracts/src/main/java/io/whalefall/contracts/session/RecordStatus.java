package io.whalefall.contracts.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/** State of one instance within a sync session. */
public enum RecordStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("running") RUNNING,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("skipped") SKIPPED
}
