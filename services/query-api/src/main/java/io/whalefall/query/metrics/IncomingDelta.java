package io.whalefall.query.metrics;

import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.time.Instant;

/**
 * A minute delta of a {@code MetricWindowsUpdated} event, checked and decoded: what a batch added to one
 * minute window of a series.
 *
 * @param series its series (metric and labels)
 * @param minute the start of its minute window
 * @param state  the decoded state of the batch's points in that minute
 */
public record IncomingDelta(SeriesKey series, Instant minute, WindowState state) {
}
