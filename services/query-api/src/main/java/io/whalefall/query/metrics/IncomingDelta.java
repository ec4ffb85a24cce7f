package io.whalefall.query.metrics;

import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.time.Instant;

/**
 * A minute delta of a {@code MetricWindowsUpdated} event, checked: what a batch added to one minute window
 * of a series.
 *
 * @param series its series (metric and labels)
 * @param minute the start of its minute window
 * @param bounds the series' histogram bounds, which the state is over
 * @param state  the state of the batch's points in that minute, as the event carried it
 */
public record IncomingDelta(SeriesKey series, Instant minute, HistogramBounds bounds, EncodedState state) {

    /** The state, decoded: a new object, the caller's to change. */
    WindowState decoded() {
        return WindowState.decode(state.bytes(), bounds);
    }
}
