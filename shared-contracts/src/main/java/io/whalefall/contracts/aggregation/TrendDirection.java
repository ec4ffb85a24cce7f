package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Direction of an instance's total size against the previous period: beyond ±5 % is a trend. */
public enum TrendDirection {
    @JsonProperty("growing") GROWING,
    @JsonProperty("shrinking") SHRINKING,
    @JsonProperty("stable") STABLE
}
