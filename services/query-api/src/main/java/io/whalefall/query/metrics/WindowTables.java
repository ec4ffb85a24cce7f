package io.whalefall.query.metrics;

import io.whalefall.platform.partitions.PartitionGranularity;
import io.whalefall.platform.partitions.PartitionedTable;
import io.whalefall.windows.Resolution;

/**
 * The partitions of {@code metric_window}: one list partition per resolution ({@code metric_window_1m},
 * {@code _1h}, {@code _1d}), each range-partitioned on {@code window_start} by UTC day, month and year, so
 * that a retention of days, months or years drops a few whole partitions.
 */
public final class WindowTables {

    /**
     * An hour or day window is rewritten by every batch that touches it: with 30 % of each page kept free,
     * the new version mostly stays on its page (a HOT update, no new primary-key entry).
     */
    private static final int REWRITTEN = 70;

    private static final PartitionedTable MINUTE = new PartitionedTable("metric_window_1m", PartitionGranularity.DAY);
    private static final PartitionedTable HOUR = new PartitionedTable("metric_window_1h", PartitionGranularity.MONTH)
            .withFillfactor(REWRITTEN);
    private static final PartitionedTable DAY = new PartitionedTable("metric_window_1d", PartitionGranularity.YEAR)
            .withFillfactor(REWRITTEN);

    private WindowTables() {
    }

    /** The range-partitioned table that holds the windows of {@code resolution}. */
    public static PartitionedTable of(Resolution resolution) {
        return switch (resolution) {
            case MINUTE -> MINUTE;
            case HOUR -> HOUR;
            case DAY -> DAY;
        };
    }
}
