package io.whalefall.query.metrics;

import io.whalefall.contracts.metrics.MetricSeriesDeltas;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.contracts.metrics.MinuteDelta;
import io.whalefall.platform.messaging.PoisonMessageException;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.SeriesKeyCache;
import io.whalefall.windows.WindowState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads and checks the deltas of a {@code MetricWindowsUpdated} event, refusing the event as poison when any delta
 * could never be stored or would corrupt later queries: a series id that is not the id of its metric and
 * labels, a start not on a whole minute or too far ahead, a state that does not decode over its histogram
 * bounds or disagrees with its count.
 */
final class IncomingWindows {

    private IncomingWindows() {
    }

    /** The event's deltas, checked; throws {@link PoisonMessageException} naming the first faulty one. */
    static List<IncomingDelta> read(MetricWindowsUpdated event, Instant now, Duration maxAhead, SeriesKeyCache keys) {
        if (event.series() == null) {
            throw new PoisonMessageException("MetricWindowsUpdated cannot be applied: series is missing");
        }
        Instant latestStart = now.plus(maxAhead);
        List<IncomingDelta> deltas = new ArrayList<>();
        for (int i = 0; i < event.series().size(); i++) {
            String at = "series[" + i + "]";
            try {
                read(event.series().get(i), latestStart, at, keys, deltas);
            } catch (PoisonMessageException e) {
                throw e;
            } catch (RuntimeException e) {
                // reading is pure (no I/O): whatever fails here fails on every delivery, so it is poison
                throw poison(at + " " + (e.getMessage() == null
                        ? "is malformed (" + e.getClass().getSimpleName() + ")" : e.getMessage()));
            }
        }
        return deltas;
    }

    private static void read(MetricSeriesDeltas entry, Instant latestStart, String at, SeriesKeyCache keys,
            List<IncomingDelta> deltas) {
        require(entry != null, () -> at + " is null");
        require(entry.seriesId() != null && entry.metric() != null && !entry.metric().isBlank(),
                () -> at + " needs series_id and metric");
        SeriesKey series = keys.of(entry.metric(), entry.labels());
        require(series.id().toString().equalsIgnoreCase(entry.seriesId()), () -> at + " has series_id "
                + entry.seriesId() + ", but the id of " + series.canonical() + " is " + series.id());
        require(entry.histogramBounds() != null, () -> at + " needs histogram_bounds");
        HistogramBounds bounds = HistogramBounds.parse(entry.histogramBounds());
        require(entry.minutes() != null && !entry.minutes().isEmpty(), () -> at + " needs minutes");
        for (int m = 0; m < entry.minutes().size(); m++) {
            MinuteDelta minute = entry.minutes().get(m);
            int index = m;
            Supplier<String> where = () -> at + ".minutes[" + index + "]";
            require(minute != null && minute.windowStart() != null && minute.state() != null,
                    () -> where.get() + " needs window_start and state");
            Instant start = minute.windowStart();
            require(Resolution.MINUTE.windowStart(start).equals(start), () -> where.get() + " starts at " + start
                    + ", not on a whole minute");
            require(!start.isAfter(latestStart), () -> where.get() + " starts at " + start + ", later than "
                    + latestStart + " (this service's clock plus whalefall.metrics.max-window-ahead)");
            byte[] bytes;
            WindowState state;
            try {
                bytes = Base64.getDecoder().decode(minute.state());
                state = WindowState.decode(bytes, bounds);
            } catch (IllegalArgumentException e) {
                throw poison(where.get() + " " + e.getMessage());
            }
            require(state.count() >= 1 && state.count() == minute.count(), () -> where.get() + " carries a state of "
                    + state.count() + " points but a count of " + minute.count());
            // decoded to be checked, kept encoded: the projection decodes it again only where it merges it
            deltas.add(new IncomingDelta(series, start, bounds, EncodedState.of(bytes, state)));
        }
    }

    /**
     * Throws the problem as poison unless the condition holds. The problem is written only then: writing it for
     * every delta (the window starts as text among it) took 14 % of query-api's samples in the metric benchmark.
     */
    private static void require(boolean condition, Supplier<String> problem) {
        if (!condition) {
            throw poison(problem.get());
        }
    }

    private static PoisonMessageException poison(String problem) {
        return new PoisonMessageException("MetricWindowsUpdated cannot be applied: " + problem);
    }
}
