package io.whalefall.contracts.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a sync session was started (WhaleFall's names). */
public enum SyncType {
    @JsonProperty("scheduled_task") SCHEDULED_TASK,
    @JsonProperty("manual_task") MANUAL_TASK,
    @JsonProperty("external") EXTERNAL
}
