package io.whalefall.query.metrics;

import java.time.Instant;

/**
 * A raw metric point of a test series.
 *
 * @param time  when it was observed
 * @param value its value
 */
record Point(Instant time, double value) {
}
