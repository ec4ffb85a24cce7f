package io.whalefall.query.metrics;

import io.whalefall.contracts.metrics.MetricWindow;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test series and its raw points, from which the test builds the window states period-aggregation would
 * publish, and against which it checks every answer by brute force.
 *
 * @param key    metric and labels
 * @param points the raw points
 */
record RawSeries(SeriesKey key, List<Point> points) {

    static final HistogramBounds BOUNDS = HistogramBounds.DEFAULT;

    static RawSeries of(String metric, Map<String, String> labels, List<Point> points) {
        return new RawSeries(SeriesKey.of(metric, labels), List.copyOf(points));
    }

    /** The windows of every resolution, at {@code revision}, as {@code MetricWindowsUpdated} carries them. */
    List<MetricWindow> windows(long revision) {
        List<MetricWindow> windows = new ArrayList<>();
        for (Resolution resolution : Resolution.values()) {
            windows.addAll(windows(resolution, revision));
        }
        return windows;
    }

    /** The windows of one resolution, at {@code revision}. */
    List<MetricWindow> windows(Resolution resolution, long revision) {
        Map<Instant, WindowState> states = new TreeMap<>();
        for (Point point : points) {
            states.computeIfAbsent(resolution.windowStart(point.time()), start -> WindowState.empty(BOUNDS))
                    .add(point.value());
        }
        List<MetricWindow> windows = new ArrayList<>();
        states.forEach((start, state) -> windows.add(window(key, resolution, start, revision, state)));
        return windows;
    }

    /** A window as the producer writes it. */
    static MetricWindow window(SeriesKey key, Resolution resolution, Instant start, long revision, WindowState state) {
        return new MetricWindow(key.id().toString(), key.metric(), key.labels(), resolution.code(), start, revision,
                state.count(), state.sum(), state.min(), state.max(), state.mean(), state.bounds().toString(),
                Base64.getEncoder().encodeToString(state.encode()));
    }
}
