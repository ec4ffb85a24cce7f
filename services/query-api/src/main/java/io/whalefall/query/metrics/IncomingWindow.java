package io.whalefall.query.metrics;

import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.time.Instant;
import java.util.UUID;

/**
 * A window of a {@code MetricWindowsUpdated} event, checked and decoded.
 *
 * @param series     its series (metric and labels)
 * @param resolution its resolution
 * @param start      its start
 * @param revision   its revision; the read model keeps the highest
 * @param state      the decoded state, whose summary the read model stores beside it
 * @param encoded    the state in the metric-windows binary form, as stored
 */
public record IncomingWindow(SeriesKey series, Resolution resolution, Instant start, long revision, WindowState state,
        byte[] encoded) {

    /** The series id (UUID v3 of its canonical form). */
    public UUID seriesId() {
        return series.id();
    }
}
