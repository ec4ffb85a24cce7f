/**
 * Metric windows (issue 6, read side): the read model of window states built from the minute deltas of
 * {@code MetricWindowsUpdated}, and the query API over it.
 *
 * <h2>Read model</h2>
 * {@code metric_series} (one row per series: metric, labels as jsonb with a GIN index, histogram bounds) and
 * {@code metric_window} (one row per series, resolution and window start: revision, summary, mergeable
 * state). An event's deltas are merged into their minute windows and, merged per hour and day, into the
 * windows above, with a few set-based statements (lock the series, read the states, upsert); the inbox
 * applies every event once, and deltas merge in any order. {@code metric_window} is partitioned by resolution and then by time (1m by
 * day, 1h by month, 1d by year); retention ({@code whalefall.metrics.retention.*}: 1m 7 days, 1h 90 days, 1d
 * 730 days, as in period-aggregation) drops whole partitions, and windows arriving already expired are
 * skipped. Series with no window left within the longest retention are forgotten.
 *
 * <h2>Queries</h2>
 * {@code GET /api/v1/metrics/windows} picks the coarsest stored resolution that divides window and slide
 * (or the session gap) and checks that its retention covers {@code from}; it reads the states of every
 * matching series with one statement, merges the states of a group's series per window start, and computes
 * the group's windows by merging states: tumbling windows of any multiple of the resolution, sliding
 * windows with a two-stack queue (a constant number of merges per state whatever the overlap), session
 * windows whose boundaries have the resolution's granularity. Windows are epoch-aligned: the first starts
 * at {@code from} aligned down to the slide, the last starts before {@code to} and is returned whole.
 * Quantiles are within 1% (relative) of the exact lower quantile; count, sum, min, max, avg, stddev and
 * histograms are exact up to floating-point rounding.
 */
package io.whalefall.query.metrics;
