package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * Event: what a batch of accepted points added to the windows of their series, per series and minute
 * window (since version 2; version 1 carried full window states). Deltas merge in any order, so a reader
 * applies each event exactly once (its processed-message log) and in whatever order they arrive.
 *
 * @param series    the series the batch touched, each once, with its minute deltas
 * @param updatedAt when period-aggregation merged the points into its windows
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricWindowsUpdated(List<MetricSeriesDeltas> series, Instant updatedAt) {
}
