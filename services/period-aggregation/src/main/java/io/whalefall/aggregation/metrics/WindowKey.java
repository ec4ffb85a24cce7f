package io.whalefall.aggregation.metrics;

import java.time.Instant;
import java.util.UUID;

/**
 * One window of one series at some resolution.
 *
 * @param seriesId the series
 * @param start    the window's start
 */
public record WindowKey(UUID seriesId, Instant start) {
}
