package io.whalefall.query.metrics;

import io.whalefall.contracts.metrics.MetricWindow;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.platform.messaging.PoisonMessageException;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the windows of a {@code MetricWindowsUpdated} event, refusing the event as poison when any window
 * could never be stored or would corrupt later queries: a series id that is not the id of its metric and
 * labels, an unknown resolution, a start not aligned to it or too far ahead, a state that does not decode
 * over its histogram bounds or disagrees with the summary.
 */
final class IncomingWindows {

    private IncomingWindows() {
    }

    /** The event's windows, decoded; throws {@link PoisonMessageException} naming the first faulty one. */
    static List<IncomingWindow> read(MetricWindowsUpdated event, Instant now, Duration maxAhead) {
        if (event.windows() == null) {
            throw new PoisonMessageException("MetricWindowsUpdated cannot be applied: windows is missing");
        }
        Map<String, HistogramBounds> bounds = new HashMap<>();
        Map<String, SeriesKey> series = new HashMap<>();
        List<IncomingWindow> windows = new ArrayList<>(event.windows().size());
        for (int i = 0; i < event.windows().size(); i++) {
            try {
                windows.add(read(event.windows().get(i), now.plus(maxAhead), bounds, series));
            } catch (RuntimeException e) {
                // reading is pure (no I/O): whatever fails here fails on every delivery, so it is poison
                throw new PoisonMessageException("MetricWindowsUpdated cannot be applied: windows[" + i + "] "
                        + (e.getMessage() == null ? "is malformed (" + e.getClass().getSimpleName() + ")" : e.getMessage()));
            }
        }
        return windows;
    }

    private static IncomingWindow read(MetricWindow window, Instant latestStart, Map<String, HistogramBounds> bounds,
            Map<String, SeriesKey> checkedSeries) {
        require(window != null, "is null");
        require(window.seriesId() != null && window.metric() != null && !window.metric().isBlank(),
                "needs series_id and metric");
        SeriesKey series = series(window, checkedSeries);
        require(window.resolution() != null, "needs a resolution");
        Resolution resolution = Resolution.ofCode(window.resolution());
        Instant start = window.windowStart();
        require(start != null && resolution.windowStart(start).equals(start),
                "starts at " + start + ", not at the start of a " + resolution.code() + " window");
        require(!start.isAfter(latestStart), "starts at " + start + ", later than " + latestStart
                + " (this service's clock plus whalefall.metrics.max-window-ahead)");
        require(window.revision() >= 1, "has revision " + window.revision() + "; revisions start at 1");
        require(window.histogramBounds() != null && window.state() != null, "needs histogram_bounds and state");
        byte[] encoded = Base64.getDecoder().decode(window.state());
        WindowState state = WindowState.decode(encoded,
                bounds.computeIfAbsent(window.histogramBounds(), HistogramBounds::parse));
        require(state.count() == window.count(), "carries a state of " + state.count() + " points but a count of "
                + window.count());
        return new IncomingWindow(series, resolution, start, window.revision(), state, encoded);
    }

    /**
     * The window's series, once its id is checked against its metric and labels. An event carries several
     * windows per series: the id (a hash of the canonical name) is computed once per distinct series.
     */
    private static SeriesKey series(MetricWindow window, Map<String, SeriesKey> checkedSeries) {
        SeriesKey known = checkedSeries.get(window.seriesId());
        if (known != null && known.metric().equals(window.metric()) && known.labels().equals(labelsOf(window))) {
            return known;
        }
        SeriesKey series = SeriesKey.of(window.metric(), window.labels());
        require(series.id().toString().equalsIgnoreCase(window.seriesId()), "has series_id " + window.seriesId()
                + ", but the id of " + series.canonical() + " is " + series.id());
        checkedSeries.put(window.seriesId(), series);
        return series;
    }

    private static Map<String, String> labelsOf(MetricWindow window) {
        return window.labels() == null ? Map.of() : window.labels();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
