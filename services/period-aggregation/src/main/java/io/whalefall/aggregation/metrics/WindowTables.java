package io.whalefall.aggregation.metrics;

import io.whalefall.platform.partitions.PartitionGranularity;
import io.whalefall.platform.partitions.PartitionedTable;
import io.whalefall.windows.Resolution;

/** The tables of the window engine and how each is partitioned. */
public final class WindowTables {

    /** Late points, by day of arrival. */
    public static final PartitionedTable LATE_POINTS = new PartitionedTable("late_metric_point", PartitionGranularity.DAY);

    /**
     * An hour or day window is rewritten by every batch that touches it: with 30 % of each page kept free,
     * the new version mostly stays on its page (a HOT update, no new primary-key entry).
     */
    private static final int REWRITTEN = 70;

    private static final PartitionedTable MINUTES = new PartitionedTable("metric_window_1m", PartitionGranularity.DAY);
    private static final PartitionedTable HOURS = new PartitionedTable("metric_window_1h", PartitionGranularity.MONTH)
            .withFillfactor(REWRITTEN);
    private static final PartitionedTable DAYS = new PartitionedTable("metric_window_1d", PartitionGranularity.YEAR)
            .withFillfactor(REWRITTEN);

    private WindowTables() {
    }

    /**
     * The window table of a resolution. A coarser level has coarser partitions, so the children of any
     * window (the minutes of an hour, the hours of a day) always sit in one partition: they expire together.
     */
    public static PartitionedTable of(Resolution resolution) {
        return switch (resolution) {
            case MINUTE -> MINUTES;
            case HOUR -> HOURS;
            case DAY -> DAYS;
        };
    }
}
