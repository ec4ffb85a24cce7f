package io.whalefall.query.metrics;

import java.time.Instant;
import java.util.SortedMap;
import java.util.UUID;

/**
 * A series of the read model.
 *
 * @param seriesId        stable id (UUID v3 of the canonical name)
 * @param metric          the metric name
 * @param name            the canonical name, {@code metric{a="1",b="2"}}
 * @param labels          the labels, sorted by name
 * @param histogramBounds the upper bounds of its histogram buckets, comma-separated
 * @param lastWindowStart the newest window start received
 */
public record MetricSeries(UUID seriesId, String metric, String name, SortedMap<String, String> labels,
        String histogramBounds, Instant lastWindowStart) {
}
