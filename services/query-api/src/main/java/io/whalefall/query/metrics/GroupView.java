package io.whalefall.query.metrics;

import java.util.List;
import java.util.Map;

/**
 * One result group of a window query.
 *
 * @param labels      the group's labels: a series' labels, the group-by labels' values (null where a series
 *                    lacks one), or none when all series are merged
 * @param seriesCount series merged into the group
 * @param windows     its windows (or sessions), oldest first: start, end, count and the requested statistics
 */
public record GroupView(Map<String, String> labels, int seriesCount, List<Map<String, Object>> windows) {
}
