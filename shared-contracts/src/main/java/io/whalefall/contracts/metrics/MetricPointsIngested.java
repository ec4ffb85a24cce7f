package io.whalefall.contracts.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event: metric points newly stored by stats-ingestion (a point already stored for its series and
 * timestamp is not repeated), so a consumer may fold them into running window states.
 *
 * @param batchId    the ingestion batch
 * @param part       1-based part of the batch
 * @param parts      parts the batch was split into
 * @param points     the new points
 * @param ingestedAt when they were stored
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricPointsIngested(UUID batchId, int part, int parts, List<MetricPoint> points, Instant ingestedAt) {
}
