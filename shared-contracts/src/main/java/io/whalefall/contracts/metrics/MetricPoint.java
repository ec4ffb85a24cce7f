package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;

/**
 * One observation of a metric. A series is a metric name plus its labels.
 *
 * @param metric    the metric name, e.g. {@code db.connections}
 * @param labels    the labels that, with the name, identify the series (e.g. instance, database)
 * @param timestamp when it was observed (ISO-8601)
 * @param value     the observed value; must be finite
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricPoint(String metric, Map<String, String> labels, Instant timestamp, Double value) {
}
