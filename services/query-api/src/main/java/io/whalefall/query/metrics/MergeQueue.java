package io.whalefall.query.metrics;

import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.TimedState;
import io.whalefall.windows.WindowState;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A first-in first-out queue of window states that answers "the merge of everything queued" with an
 * amortised constant number of merges per operation (the two-stack queue): new states go to a back list
 * with a running merge; the oldest are kept on a front stack where each entry holds the merge of itself and
 * every newer front entry. When the front runs empty the back list is turned over into it.
 */
final class MergeQueue {

    private final HistogramBounds bounds;
    /** Oldest on top; each entry's state is the merge of its own and those below it. */
    private final ArrayDeque<TimedState> front = new ArrayDeque<>();
    /** Newest last. */
    private final List<TimedState> back = new ArrayList<>();
    private WindowState backMerged;

    MergeQueue(HistogramBounds bounds) {
        this.bounds = bounds;
        this.backMerged = WindowState.empty(bounds);
    }

    /** Appends a state (it is read, never changed). */
    void push(TimedState state) {
        back.add(state);
        backMerged.merge(state.state());
    }

    boolean isEmpty() {
        return front.isEmpty() && back.isEmpty();
    }

    /** Start of the oldest state queued; the queue must not be empty. */
    Instant oldestStart() {
        return front.isEmpty() ? back.get(0).start() : front.peek().start();
    }

    /** Removes the oldest state; the queue must not be empty. */
    void pop() {
        if (front.isEmpty()) {
            turnOver();
        }
        front.pop();
    }

    /** A new state: the merge of everything queued. */
    WindowState merged() {
        WindowState merged = WindowState.empty(bounds);
        if (!front.isEmpty()) {
            merged.merge(front.peek().state());
        }
        merged.merge(backMerged);
        return merged;
    }

    private void turnOver() {
        WindowState newer = null;
        for (int i = back.size() - 1; i >= 0; i--) {
            WindowState suffix = WindowState.empty(bounds);
            suffix.merge(back.get(i).state());
            if (newer != null) {
                suffix.merge(newer);
            }
            front.push(new TimedState(back.get(i).start(), suffix));
            newer = suffix;
        }
        back.clear();
        backMerged = WindowState.empty(bounds);
    }
}
