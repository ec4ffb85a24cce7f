package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Command: a batch of metric points from a collector. The same document is the body of
 * {@code POST /api/v1/metrics/points}.
 *
 * @param points the points
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricPointsCollected(List<MetricPoint> points) {
}
