package io.whalefall.query.trend;

import java.time.LocalDate;
import java.util.List;

/**
 * A chart-ready trend: labels (one per period) and datasets, in the shape chart libraries take.
 *
 * @param periodType  the period type (one point per period)
 * @param metric      the plotted value
 * @param rankBy      size or growth
 * @param top         series asked for
 * @param totalSeries series matching the filters before the top cut
 * @param labels      period starts, oldest first
 * @param datasets    the top series, highest rank first
 */
public record TrendChart(
        String periodType,
        String metric,
        String rankBy,
        int top,
        long totalSeries,
        List<LocalDate> labels,
        List<TrendDataset> datasets) {
}
