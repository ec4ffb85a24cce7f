package io.whalefall.ingestion.stats;

import java.util.UUID;

/**
 * What an accepted batch did.
 *
 * @param batchId   id of the batch, also the correlation id of its {@code StatsIngested} events
 * @param databases database samples received and stored
 * @param instances instance samples received and stored
 */
public record IngestionReport(UUID batchId, Counts databases, Counts instances) {

    /**
     * Samples of one kind.
     *
     * @param received   in the batch
     * @param stored     newly stored
     * @param duplicates already stored before (re-sent), not stored again
     */
    public record Counts(int received, int stored, int duplicates) {
        static Counts of(int received, int stored) {
            return new Counts(received, stored, received - stored);
        }
    }
}
