package io.whalefall.contracts.stats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * Event: samples newly stored by stats-ingestion. A re-sent sample that was already stored is not
 * repeated here, so a consumer may add these samples to running totals.
 *
 * <p>Since version 3 the samples travel as columns; versions 1 and 2 listed them as objects, and this
 * record still reads those (see {@link DatabaseSampleColumns#of}).
 *
 * @param batchId    id of the ingestion batch (one accepted request or bus message, split into parts)
 * @param part       1-based index of this part of the batch
 * @param parts      how many parts the batch was split into
 * @param databases  the newly stored database samples
 * @param instances  the newly stored instance samples
 * @param ingestedAt when they were stored
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatsIngested(
        UUID batchId,
        int part,
        int parts,
        DatabaseSampleColumns databases,
        InstanceSampleColumns instances,
        Instant ingestedAt) {
}
