package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * Event: window states changed by a batch of points (the minute windows it touched and the hour and day
 * windows above them), each with its full current state.
 *
 * @param windows   the changed windows
 * @param updatedAt when
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricWindowsUpdated(List<MetricWindow> windows, Instant updatedAt) {
}
