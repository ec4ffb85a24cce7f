package io.whalefall.query.metrics;

import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.TimedState;
import io.whalefall.windows.WindowResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sliding windows over stored states: the windows of metric-windows' {@code Windows.sliding} (the first
 * starts at {@code from} aligned down to a multiple of the slide, the last starts before {@code to}, each
 * merges the states that start inside it), computed with a {@link MergeQueue}. Every state is then merged
 * a constant number of times however many windows overlap it, instead of once per window: a day of hourly
 * states sliding by the hour costs about 5 merges per window instead of 24.
 */
final class SlidingWindows {

    private SlidingWindows() {
    }

    /** The windows of {@code size} every {@code slide} over {@code states}, which are sorted by start. */
    static List<WindowResult> compute(List<TimedState> states, Duration size, Duration slide, Instant from, Instant to,
            HistogramBounds bounds) {
        if (size.isNegative() || size.isZero() || slide.isNegative() || slide.isZero()) {
            throw new IllegalArgumentException("window size and slide must be positive");
        }
        long step = slide.toSeconds();
        MergeQueue queue = new MergeQueue(bounds);
        List<WindowResult> windows = new ArrayList<>();
        int next = 0;
        for (Instant start = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), step) * step);
                start.isBefore(to); start = start.plus(slide)) {
            Instant end = start.plus(size);
            while (!queue.isEmpty() && queue.oldestStart().isBefore(start)) {
                queue.pop();
            }
            // states between two windows (a slide longer than the window) belong to none
            while (next < states.size() && states.get(next).start().isBefore(start)) {
                next++;
            }
            while (next < states.size() && states.get(next).start().isBefore(end)) {
                queue.push(states.get(next++));
            }
            windows.add(new WindowResult(start, end, queue.merged()));
        }
        return windows;
    }
}
