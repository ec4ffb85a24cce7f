package io.whalefall.query.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The metric window read model and its query API. The retention keys have the same names and defaults as
 * period-aggregation's {@code whalefall.metrics.retention.*}, so one setting keeps both services alike.
 */
@ConfigMapping(prefix = "whalefall.metrics")
public interface MetricWindowsConfig {

    /** How long each resolution is kept. */
    Retention retention();

    /** Upkeep of the time partitions. */
    Partitions partitions();

    /** Limits of the window queries. */
    Query query();

    /**
     * How far ahead of this service's clock a window may start. period-aggregation never builds windows
     * more than its clock skew (at most 1 day) ahead; a window further ahead is a producer fault, and its
     * event is dead-lettered rather than creating partitions for a distant future.
     */
    @WithDefault("1d")
    Duration maxWindowAhead();

    /**
     * Most {@code MetricWindowsUpdated} events of one partition merged together in one transaction (the
     * events that arrived while the previous group was being merged). A group only holds unacknowledged
     * events: the channel's {@code max-outstanding-messages} lets every partition fill one (4 × 8 = 32).
     */
    @WithDefault("8")
    int batchSize();

    /**
     * Most series whose key (canonical name and id) this service keeps made, so that the series of every
     * batch are not sorted and hashed again; about 830 bytes each with two labels.
     */
    @WithDefault("50000")
    int seriesCacheSize();

    /** Retention per resolution. Must not shrink from finer to coarser: minute ≤ hour ≤ day. */
    interface Retention {
        /** How long 1-minute windows are kept (daily partitions). */
        @WithDefault("7d")
        Duration minute();

        /** How long 1-hour windows are kept (monthly partitions). */
        @WithDefault("90d")
        Duration hour();

        /** How long 1-day windows are kept (yearly partitions); series without windows left are forgotten after it. */
        @WithDefault("730d")
        Duration day();
    }

    /** Partition upkeep. */
    interface Partitions {
        /** How often partitions are created ahead and expired ones dropped (also done at start-up). */
        @WithDefault("1h")
        Duration interval();

        /** How many partitions past the current one exist in advance, per table. */
        @WithDefault("2")
        int ahead();
    }

    /** Limits of {@code GET /api/v1/metrics/windows}. */
    interface Query {
        /** The range a query covers when it gives no {@code from} (ending at {@code to}, default now). */
        @WithDefault("24h")
        Duration defaultRange();

        /** Longest range ({@code to − from}) per resolution used. */
        MaxRange maxRange();

        /** Most series one query may read; more is answered 400 asking for label filters. */
        @WithDefault("1000")
        int maxSeries();

        /**
         * Most stored windows one query may read, estimated as series × (read range / resolution) before
         * reading: bounds the decoding and merging work of a request.
         */
        @WithDefault("200000")
        int maxStates();

        /** Most windows (or sessions) a response may hold, over all groups. */
        @WithDefault("10000")
        int maxPoints();

        /** Most custom quantiles ({@code quantiles=0.9,0.999}) per query. */
        @WithDefault("10")
        int maxQuantiles();
    }

    /** Longest query range per resolution. */
    interface MaxRange {
        /** Longest range answered from 1-minute windows. */
        @WithDefault("31d")
        Duration minute();

        /** Longest range answered from 1-hour windows. */
        @WithDefault("400d")
        Duration hour();

        /** Longest range answered from 1-day windows. */
        @WithDefault("400d")
        Duration day();
    }
}
