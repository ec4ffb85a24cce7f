package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * The points a batch added to one 1-minute window of a series, as a mergeable state.
 *
 * @param windowStart start of the minute window (UTC, on a whole minute)
 * @param count       number of points the delta holds (the state's count, for readers of the summary)
 * @param state       the mergeable state of those points, base64 of the metric-windows binary form
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MinuteDelta(Instant windowStart, long count, String state) {
}
