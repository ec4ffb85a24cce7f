package io.whalefall.ingestion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits and sizes of stats ingestion. */
@ConfigMapping(prefix = "whalefall.ingestion")
public interface IngestionConfig {

    /** Most samples (databases + instances) one batch may carry. */
    @WithDefault("50000")
    int maxSamplesPerBatch();

    /** How far in the future {@code collected_at} may lie, for collectors with a fast clock. */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** Most samples one {@code StatsIngested} event carries; larger batches are split into parts. */
    @WithDefault("5000")
    int samplesPerEvent();

    /** Most field errors listed in one validation error response. */
    @WithDefault("100")
    int maxReportedErrors();
}
