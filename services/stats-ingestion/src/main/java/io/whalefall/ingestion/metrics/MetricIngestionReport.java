package io.whalefall.ingestion.metrics;

import java.util.UUID;

/**
 * What an accepted batch of metric points did.
 *
 * @param batchId    id of the batch, also the correlation id of its {@code MetricPointsIngested} events
 * @param received   points in the batch
 * @param stored     points newly stored (and announced)
 * @param duplicates points already stored before, or repeated within the batch: not stored again
 */
public record MetricIngestionReport(UUID batchId, int received, int stored, int duplicates) {
}
