package io.whalefall.contracts.stats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Command: a collector's batch of capacity samples. The same document is the body of
 * {@code POST /api/v1/capacity/stats}.
 *
 * @param databases per-database samples
 * @param instances per-instance samples
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatsCollected(
        List<DatabaseSizeSample> databases,
        List<InstanceSizeSample> instances) {
}
