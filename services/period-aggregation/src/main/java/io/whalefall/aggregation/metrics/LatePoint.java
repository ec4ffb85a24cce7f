package io.whalefall.aggregation.metrics;

import java.time.Instant;
import java.util.Locale;

/**
 * A point kept out of the windows, with why.
 *
 * @param point     the point
 * @param watermark the watermark it was judged against (null when the series had none)
 * @param reason    why it is late
 */
public record LatePoint(SeriesPoint point, Instant watermark, Reason reason) {

    /** Why a point is in no window. */
    public enum Reason {
        /** Older than the series' watermark minus the allowed lateness. */
        LATENESS,
        /** Its minute window lies in an expired partition: its rollups could no longer be recomputed. */
        RETENTION,
        /** Further ahead of the clock than the allowed skew: it would drag the watermark ahead of real time. */
        FUTURE;

        /** The value stored in {@code late_metric_point.reason} and used as metric tag. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
