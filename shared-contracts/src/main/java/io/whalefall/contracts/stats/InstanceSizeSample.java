package io.whalefall.contracts.stats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/**
 * One size sample of a whole instance.
 *
 * @param instanceId    the instance
 * @param totalSizeMb   the sum of its databases' sizes in whole MB
 * @param databaseCount how many databases it held
 * @param collectedAt   when the sample was taken, ISO-8601 with offset
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstanceSizeSample(
        Long instanceId,
        Long totalSizeMb,
        Integer databaseCount,
        OffsetDateTime collectedAt) {
}
