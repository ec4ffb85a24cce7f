package io.whalefall.aggregation.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The time-window engine for metric points: lateness, histogram bounds, retention and event sizes. */
@ConfigMapping(prefix = "whalefall.metrics")
public interface MetricsConfig {

    /**
     * How far behind its series' watermark (the newest timestamp accepted so far) a point may be and still
     * update its windows and the rollups above them. Older points are kept aside as late, and counted.
     */
    @WithDefault("10m")
    Duration allowedLateness();

    /**
     * How far ahead of this service's clock a point's timestamp may be. A point further ahead is kept aside
     * as late (reason {@code future}): accepted, it would move its series' watermark ahead of real time and
     * make every point that follows late. At most 1 day (partitions exist that far ahead). Slightly more
     * than stats-ingestion's {@code whalefall.ingestion.max-clock-skew}, so clock differences between hosts
     * do not matter.
     */
    @WithDefault("10m")
    Duration maxClockSkew();

    /**
     * Most minute deltas one {@code MetricWindowsUpdated} event carries; a batch's deltas are split into
     * several events beyond. query-api applies an event with a fixed number of statements whatever its size,
     * so events are large (a one-point delta takes about 100 bytes of JSON, plus its series once).
     */
    @WithDefault("10000")
    int maxDeltasPerEvent();

    /**
     * Most series whose key (canonical name and id) this service keeps made, so that the series of every
     * batch are not sorted and hashed again; about 830 bytes each with two labels.
     */
    @WithDefault("50000")
    int seriesCacheSize();

    /** Histogram bucket boundaries. */
    Histogram histogram();

    /** Which points are too old for the windows, and how long late points are kept. */
    Retention retention();

    /** Upkeep of the late points' time partitions. */
    Partitions partitions();

    /** Histogram bucket boundaries: ascending upper bounds, comma-separated ({@code le} buckets plus +Inf). */
    interface Histogram {
        /**
         * Bounds of metrics without bounds of their own. Unset: 1-2-5 steps from 1 to 1,000,000
         * (metric-windows {@code HistogramBounds.DEFAULT}).
         */
        Optional<String> defaultBounds();

        /**
         * Bounds per metric name, e.g. {@code whalefall.metrics.histogram.bounds."db.latency.ms"=1,5,10,50}
         * (quote names that contain dots). A series keeps the bounds it was first seen with.
         */
        Map<String, String> bounds();
    }

    /** Retention. */
    interface Retention {
        /**
         * How long query-api keeps 1-minute windows (the same key there, by whole UTC days): a point of a day
         * older than this is kept aside as late, since its minute would be dropped at once and the hour and
         * day above it could no longer be recomputed from their minutes.
         */
        @WithDefault("7d")
        Duration minute();

        /** How long late points are kept for audit (daily partitions by arrival). */
        @WithDefault("30d")
        Duration latePoints();
    }

    /** Partition upkeep. */
    interface Partitions {
        /** How often partitions are created ahead and expired ones dropped (also done at start-up). */
        @WithDefault("1h")
        Duration interval();

        /** How many partitions past the current one exist in advance, per table (at least 2). */
        @WithDefault("2")
        int ahead();
    }
}
