package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How one instance's work item of a run ended, when it did not fail. */
public enum InstanceOutcome {
    /** Its periods were computed and published. */
    @JsonProperty("completed") COMPLETED,
    /** Nothing to do: every period was already aggregated, or the run was cancelled first. */
    @JsonProperty("skipped") SKIPPED
}
