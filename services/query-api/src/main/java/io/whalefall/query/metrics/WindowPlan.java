package io.whalefall.query.metrics;

import io.whalefall.windows.Resolution;

import java.time.Duration;
import java.time.Instant;

/**
 * How a window query is answered: the resolution whose stored states are merged and the range of states
 * read, which covers every returned window whole.
 *
 * @param request     the query
 * @param from        start of the range (the default applied)
 * @param to          end of the range (the default applied)
 * @param resolution  the resolution read
 * @param readFrom    first state start read (inclusive)
 * @param readTo      last state start read (exclusive)
 * @param windowCount windows per group (tumbling, sliding); 0 for sessions, whose number is known only after
 */
public record WindowPlan(WindowRequest request, Instant from, Instant to, Resolution resolution, Instant readFrom,
        Instant readTo, long windowCount) {

    /** Upper bound of the states one series contributes: one per resolution step of the read range. */
    public long statesPerSeries() {
        long steps = Duration.between(readFrom, readTo).toSeconds();
        long unit = resolution.size().toSeconds();
        return (steps + unit - 1) / unit;
    }
}
