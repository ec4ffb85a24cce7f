package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who asked for an aggregation run. */
public enum Trigger {
    /** The daily schedule, or the automatic recomputation of stale periods. */
    @JsonProperty("scheduled") SCHEDULED,
    /** An administrator, through query-api. */
    @JsonProperty("manual") MANUAL,
    /** Another system publishing {@code AggregationRequested}. */
    @JsonProperty("external") EXTERNAL
}
