package io.whalefall.query.metrics;

import io.whalefall.contracts.metrics.MetricSeriesDeltas;
import io.whalefall.contracts.metrics.MinuteDelta;
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
 * A test series and its raw points, from which the test builds the minute deltas period-aggregation would
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

    /** The series' points as period-aggregation announces them: the delta of every minute window. */
    MetricSeriesDeltas deltas() {
        Map<Instant, WindowState> states = new TreeMap<>();
        for (Point point : points) {
            states.computeIfAbsent(Resolution.MINUTE.windowStart(point.time()), start -> WindowState.empty(BOUNDS))
                    .add(point.value());
        }
        List<MinuteDelta> minutes = new ArrayList<>();
        states.forEach((start, state) -> minutes.add(minute(start, state)));
        return deltas(key, minutes);
    }

    /** The announcement that {@code values} were added to the minute window of {@code key} at {@code minute}. */
    static MetricSeriesDeltas delta(SeriesKey key, Instant minute, double... values) {
        return deltas(key, List.of(minute(minute, WindowState.of(BOUNDS, values))));
    }

    static MetricSeriesDeltas deltas(SeriesKey key, List<MinuteDelta> minutes) {
        return new MetricSeriesDeltas(key.id().toString(), key.metric(), key.labels(), BOUNDS.toString(), minutes);
    }

    /** A minute delta as the producer writes it. */
    static MinuteDelta minute(Instant start, WindowState state) {
        return new MinuteDelta(start, state.count(), Base64.getEncoder().encodeToString(state.encode()));
    }
}
