package io.whalefall.aggregation.metrics;

import io.whalefall.windows.HistogramBounds;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the engine keeps per series between batches.
 *
 * @param seriesId       the series
 * @param bounds         its histogram bounds, fixed when it was first seen
 * @param watermark      the newest timestamp accepted so far; null before the first accepted point
 * @param watermarkBase  the watermark before {@code watermarkBatch} advanced it
 * @param watermarkBatch the ingestion batch that last advanced the watermark
 */
public record SeriesState(UUID seriesId, HistogramBounds bounds, Instant watermark, Instant watermarkBase,
        UUID watermarkBatch) {

    /**
     * The watermark that points of {@code batchId} are judged against: the one from before that batch, so
     * that the parts of a batch, processed in any order, never make each other late.
     */
    public Instant watermarkFor(UUID batchId) {
        return Objects.equals(batchId, watermarkBatch) ? watermarkBase : watermark;
    }

    /** The state after {@code batchId} accepted points up to {@code newest}. */
    public SeriesState advancedBy(UUID batchId, Instant newest) {
        Instant base = watermarkFor(batchId);
        Instant advanced = watermark == null || newest.isAfter(watermark) ? newest : watermark;
        return new SeriesState(seriesId, bounds, advanced, base, batchId);
    }
}
