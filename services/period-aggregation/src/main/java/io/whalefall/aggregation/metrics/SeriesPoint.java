package io.whalefall.aggregation.metrics;

import io.whalefall.windows.SeriesKey;

import java.time.Instant;
import java.util.UUID;

/**
 * A point of an ingested batch with its series resolved.
 *
 * @param seriesId  the series' stable id
 * @param series    the series (metric and labels)
 * @param timestamp when it was observed
 * @param value     the value (finite)
 */
public record SeriesPoint(UUID seriesId, SeriesKey series, Instant timestamp, double value) {
}
