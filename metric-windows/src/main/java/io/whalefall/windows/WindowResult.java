package io.whalefall.windows;

import java.time.Instant;

/**
 * A computed window of a query.
 *
 * @param start inclusive start
 * @param end   exclusive end
 * @param state the merged state
 */
public record WindowResult(Instant start, Instant end, WindowState state) {
}
