package io.whalefall.windows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Window queries over stored window states of one resolution, answered by merging states, never by
 * reading raw points. Inputs are the states of a series (or of several series being grouped) sorted by
 * start; states outside a window are ignored, windows without states come out empty.
 */
public final class Windows {

    private Windows() {
    }

    /**
     * Tumbling (fixed) windows of {@code size}, aligned to the epoch, covering {@code from..to}.
     *
     * @throws IllegalArgumentException when {@code size} is not a multiple of the resolution
     */
    public static List<WindowResult> tumbling(List<TimedState> states, Resolution resolution, Duration size,
            Instant from, Instant to, HistogramBounds bounds) {
        return sliding(states, resolution, size, size, from, to, bounds);
    }

    /**
     * Sliding windows of {@code size} starting every {@code slide}: the first starts at {@code from}
     * aligned down to a multiple of {@code slide}, the last starts before {@code to}. Each merges the
     * states that start inside it.
     *
     * @throws IllegalArgumentException when size or slide is not a positive multiple of the resolution
     */
    public static List<WindowResult> sliding(List<TimedState> states, Resolution resolution, Duration size,
            Duration slide, Instant from, Instant to, HistogramBounds bounds) {
        requireMultiple("size", size, resolution);
        requireMultiple("slide", slide, resolution);
        List<TimedState> sorted = sorted(states);
        List<WindowResult> windows = new ArrayList<>();
        long slideSeconds = slide.toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), slideSeconds) * slideSeconds);
        int first = 0;
        for (; start.isBefore(to); start = start.plus(slide)) {
            Instant end = start.plus(size);
            while (first < sorted.size() && sorted.get(first).start().isBefore(start)) {
                first++;
            }
            WindowState merged = WindowState.empty(bounds);
            for (int i = first; i < sorted.size() && sorted.get(i).start().isBefore(end); i++) {
                merged.merge(sorted.get(i).state());
            }
            windows.add(new WindowResult(start, end, merged));
        }
        return windows;
    }

    /**
     * Session windows: runs of non-empty windows in which no two consecutive ones are separated by
     * {@code gap} or more of inactivity. A session spans from its first window's start to its last
     * window's end, so boundaries have the resolution's granularity.
     */
    public static List<WindowResult> sessions(List<TimedState> states, Resolution resolution, Duration gap,
            HistogramBounds bounds) {
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("the session gap must be positive");
        }
        List<WindowResult> sessions = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        WindowState merged = null;
        for (TimedState timed : sorted(states)) {
            if (timed.state().count() == 0) {
                continue;
            }
            if (merged != null && Duration.between(end, timed.start()).compareTo(gap) >= 0) {
                sessions.add(new WindowResult(start, end, merged));
                merged = null;
            }
            if (merged == null) {
                start = timed.start();
                merged = WindowState.empty(bounds);
            }
            merged.merge(timed.state());
            end = timed.start().plus(resolution.size());
        }
        if (merged != null) {
            sessions.add(new WindowResult(start, end, merged));
        }
        return sessions;
    }

    private static List<TimedState> sorted(List<TimedState> states) {
        List<TimedState> sorted = new ArrayList<>(states);
        sorted.sort(Comparator.comparing(TimedState::start));
        return sorted;
    }

    private static void requireMultiple(String name, Duration duration, Resolution resolution) {
        long seconds = duration.toSeconds();
        long unit = resolution.size().toSeconds();
        if (seconds <= 0 || seconds % unit != 0) {
            throw new IllegalArgumentException(name + " must be a positive multiple of " + resolution.code()
                    + ", got " + duration);
        }
    }
}
