package io.whalefall.contracts.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An instance named in a run.
 *
 * @param instanceId its id
 * @param name       its display name at the time of the run
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstanceRef(long instanceId, String name) {
}
