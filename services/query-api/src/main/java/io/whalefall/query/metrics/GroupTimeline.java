package io.whalefall.query.metrics;

import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.TimedState;
import io.whalefall.windows.WindowState;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * The stored states of one result group at one resolution, those of its series that share a window start
 * merged: grouping costs one merge per stored state, and the windows are then computed once per group.
 */
final class GroupTimeline {

    private final HistogramBounds bounds;
    private final TreeMap<Instant, WindowState> states = new TreeMap<>();

    GroupTimeline(HistogramBounds bounds) {
        this.bounds = bounds;
    }

    /** Adds a series' state of the window starting at {@code start}; the timeline takes ownership of it. */
    void add(Instant start, WindowState state) {
        states.merge(start, state, (held, more) -> {
            held.merge(more);
            return held;
        });
    }

    /** The histogram bounds every state of the group has. */
    HistogramBounds bounds() {
        return bounds;
    }

    /** The merged states, oldest first. */
    List<TimedState> states() {
        return states.entrySet().stream().map(e -> new TimedState(e.getKey(), e.getValue())).toList();
    }
}
