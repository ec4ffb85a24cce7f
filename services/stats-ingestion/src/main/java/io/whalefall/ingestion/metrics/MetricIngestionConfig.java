package io.whalefall.ingestion.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Limits, sizes and retention of metric point ingestion. The clock-skew allowance and the number of
 * reported errors are shared with capacity samples ({@code whalefall.ingestion.*}).
 */
@ConfigMapping(prefix = "whalefall.metrics")
public interface MetricIngestionConfig {

    /** Most points one batch (REST request or {@code MetricPointsCollected} message) may carry. */
    @WithDefault("50000")
    int maxPointsPerBatch();

    /**
     * Most points one {@code MetricPointsIngested} event carries; larger batches are split into parts. The
     * window engine applies an event in one transaction whose statement count does not grow with its size,
     * so parts are as large as a message comfortably is (about 130 bytes of JSON per point).
     */
    @WithDefault("20000")
    int pointsPerEvent();

    /**
     * Most series whose key (canonical name and id) this service keeps made, so that the series of every
     * batch are not sorted and hashed again; about 830 bytes each with two labels.
     */
    @WithDefault("50000")
    int seriesCacheSize();

    /** How long data is kept. */
    Retention retention();

    /** Upkeep of the daily partitions of the raw points. */
    Partitions partitions();

    /** Retention of raw points. */
    interface Retention {
        /**
         * How long raw points are kept. Their daily partitions are dropped once entirely older than this,
         * and a point older than this is refused at ingestion: it could not be stored.
         */
        @WithDefault("7d")
        Duration raw();
    }

    /** Partition upkeep. */
    interface Partitions {
        /** How often partitions are created ahead and expired ones dropped (also done at start-up). */
        @WithDefault("1h")
        Duration interval();

        /** How many daily partitions past today exist in advance. */
        @WithDefault("2")
        int ahead();
    }
}
