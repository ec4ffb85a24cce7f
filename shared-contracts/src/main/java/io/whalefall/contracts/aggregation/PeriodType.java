package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Calendar period an aggregation covers; weeks are ISO weeks, Monday to Sunday. */
public enum PeriodType {
    @JsonProperty("daily") DAILY,
    @JsonProperty("weekly") WEEKLY,
    @JsonProperty("monthly") MONTHLY,
    @JsonProperty("quarterly") QUARTERLY;

    /** The lower-case name used in JSON, SQL and query parameters. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
