package io.whalefall.contracts.instance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * Event: an instance was registered or its metadata changed. Consumers keep the copy with the highest
 * {@code version}, so late or repeated events never roll metadata back.
 *
 * @param instanceId the instance id chosen by WhaleFall
 * @param name       display name
 * @param dbType     mysql, postgresql, sqlserver or oracle
 * @param host       host name or address
 * @param port       TCP port
 * @param isActive   whether scheduled aggregation includes it
 * @param capacityMb provisioned capacity in MB, when known (used by forecasts)
 * @param version    increases by one with every change
 * @param updatedAt  when the change was stored
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstanceUpserted(
        long instanceId,
        String name,
        String dbType,
        String host,
        Integer port,
        boolean isActive,
        Long capacityMb,
        long version,
        Instant updatedAt) {
}
