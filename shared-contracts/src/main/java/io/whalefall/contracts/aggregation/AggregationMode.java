package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which periods an aggregation request covers. */
public enum AggregationMode {
    /** The periods that contain today (partial periods). */
    @JsonProperty("current") CURRENT,
    /** The last complete period of each requested type. */
    @JsonProperty("previous") PREVIOUS,
    /** Every period of each requested type that overlaps {@code from..to} (a backfill). */
    @JsonProperty("range") RANGE,
    /**
     * The daily schedule's set: the last complete period of each type where an instance does not have it
     * yet, plus the periods containing today.
     */
    @JsonProperty("scheduled") SCHEDULED,
    /**
     * Internal, never accepted in a request: period-aggregation recomputing periods that late samples made
     * stale. Appears in {@code AggregationStarted}.
     */
    @JsonProperty("recompute") RECOMPUTE
}
