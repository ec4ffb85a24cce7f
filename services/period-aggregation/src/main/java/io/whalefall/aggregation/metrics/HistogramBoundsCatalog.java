package io.whalefall.aggregation.metrics;

import io.quarkus.runtime.Startup;
import io.whalefall.windows.HistogramBounds;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/** The histogram bounds a new series gets: its metric's configured bounds, or the default. Checked at start-up. */
@Startup
@ApplicationScoped
public class HistogramBoundsCatalog {

    private final HistogramBounds defaults;
    private final Map<String, HistogramBounds> byMetric = new HashMap<>();

    public HistogramBoundsCatalog(MetricsConfig config) {
        this.defaults = config.histogram().defaultBounds()
                .map(csv -> parse("whalefall.metrics.histogram.default-bounds", csv))
                .orElse(HistogramBounds.DEFAULT);
        config.histogram().bounds().forEach((metric, csv) ->
                byMetric.put(metric, parse("whalefall.metrics.histogram.bounds.\"" + metric + "\"", csv)));
    }

    /** The bounds for a new series of {@code metric}. */
    public HistogramBounds boundsFor(String metric) {
        return byMetric.getOrDefault(metric, defaults);
    }

    private static HistogramBounds parse(String key, String csv) {
        try {
            HistogramBounds bounds = HistogramBounds.parse(csv);
            if (bounds.buckets() < 2) {
                throw new IllegalArgumentException("no bounds given");
            }
            return bounds;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + " must be ascending finite numbers separated by commas, got '" + csv
                    + "': " + e.getMessage(), e);
        }
    }
}
