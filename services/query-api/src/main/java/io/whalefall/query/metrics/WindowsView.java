package io.whalefall.query.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a window query.
 *
 * @param metric         the metric
 * @param kind           tumbling, sliding or session
 * @param resolutionUsed the stored resolution merged (1m, 1h, 1d)
 * @param window         window length (null for sessions)
 * @param slide          distance between window starts (= window when tumbling; null for sessions)
 * @param sessionGap     inactivity that ends a session (sessions only)
 * @param from           start of the range
 * @param to             end of the range
 * @param groupBy        the grouping labels; empty: all series merged; null: one group per series
 * @param functions      the statistics returned
 * @param quantiles      the custom quantiles returned, as keyed in each window's {@code quantiles}
 * @param seriesCount    series matching the metric and label filters
 * @param groups         the result groups, by labels
 */
public record WindowsView(String metric, String kind, String resolutionUsed, String window, String slide,
        String sessionGap, Instant from, Instant to, List<String> groupBy, List<String> functions, List<String> quantiles,
        int seriesCount, List<GroupView> groups) {
}
