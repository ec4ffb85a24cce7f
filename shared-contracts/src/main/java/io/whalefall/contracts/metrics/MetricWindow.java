package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;

/**
 * The current state of one window of one series at one resolution. The summary figures are for people;
 * {@code state} is the mergeable state (base64 of the metric-windows binary form) from which any larger
 * window, percentile or histogram is computed.
 *
 * @param seriesId         stable id of the series (UUID v3 of its canonical name)
 * @param metric           the metric name
 * @param labels           the series' labels
 * @param resolution       1m, 1h or 1d
 * @param windowStart      start of the window (epoch-aligned, UTC)
 * @param revision         increases with every change of this window; readers keep the highest
 * @param count            number of points
 * @param sum              sum of the values
 * @param min              smallest value
 * @param max              largest value
 * @param mean             mean value
 * @param histogramBounds  the histogram's upper bounds, comma-separated
 * @param state            the mergeable state, base64
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricWindow(
        String seriesId,
        String metric,
        Map<String, String> labels,
        String resolution,
        Instant windowStart,
        long revision,
        long count,
        double sum,
        double min,
        double max,
        double mean,
        String histogramBounds,
        String state) {
}
