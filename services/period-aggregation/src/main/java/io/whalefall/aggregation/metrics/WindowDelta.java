package io.whalefall.aggregation.metrics;

import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.time.Instant;

/**
 * What a batch added to one minute window of a series: the merged state of its accepted points there.
 *
 * @param series the series
 * @param minute the start of the minute window
 * @param state  the state of the batch's points in that minute
 */
public record WindowDelta(SeriesKey series, Instant minute, WindowState state) {
}
