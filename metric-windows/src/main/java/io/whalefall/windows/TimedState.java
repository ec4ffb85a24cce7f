package io.whalefall.windows;

import java.time.Instant;

/**
 * A stored window: its start and its state.
 *
 * @param start the window's start
 * @param state its state
 */
public record TimedState(Instant start, WindowState state) {
}
