package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * What a batch added to the windows of one series: per 1-minute window, the merged state of the batch's
 * accepted points in it (a delta, not the window's full state). A reader adds each delta to its minute window
 * and to the hour and day windows that contain it.
 *
 * @param seriesId        stable id of the series (UUID v3 of its canonical name)
 * @param metric          the metric name
 * @param labels          the series' labels
 * @param histogramBounds the histogram's upper bounds in every state, comma-separated
 * @param minutes         the deltas, one per minute window the batch touched
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricSeriesDeltas(String seriesId, String metric, Map<String, String> labels, String histogramBounds,
        List<MinuteDelta> minutes) {
}
