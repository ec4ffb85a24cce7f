package io.whalefall.aggregation.metrics;

import io.whalefall.contracts.metrics.MetricWindow;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.time.Instant;
import java.util.Base64;

/**
 * A window a batch changed, as now stored.
 *
 * @param series     its series
 * @param resolution its resolution
 * @param start      its start
 * @param revision   its revision after the change
 * @param state      its state after the change
 */
public record ChangedWindow(SeriesKey series, Resolution resolution, Instant start, long revision, WindowState state) {

    /** The window as {@code MetricWindowsUpdated} carries it. */
    public MetricWindow toContract() {
        return new MetricWindow(series.id().toString(), series.metric(), series.labels(), resolution.code(), start,
                revision, state.count(), state.sum(), state.min(), state.max(), state.mean(), state.bounds().toString(),
                Base64.getEncoder().encodeToString(state.encode()));
    }
}
