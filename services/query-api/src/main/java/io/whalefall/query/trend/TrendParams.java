package io.whalefall.query.trend;

import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

/** The chart options of the trend endpoints, as sent; {@link #read} validates them. */
public class TrendParams {

    @QueryParam("top")
    @Parameter(description = "Number of series, 1 to 50 (default 10): the top ones by rank_by.")
    String top;

    @QueryParam("rank_by")
    @Parameter(description = "size (default): the metric's value in each series' latest period; growth: its change "
            + "from the series' first to its latest period within the filters, in MB.")
    String rankBy;

    @QueryParam("metric")
    @Parameter(description = "The value plotted. Databases: avg_size_mb (default), max_size_mb, min_size_mb, "
            + "avg_data_size_mb, avg_log_size_mb. Instances: total_size_mb (default), avg_size_mb, max_size_mb, "
            + "min_size_mb, database_count.")
    String metric;

    /** Validates the options, recording errors in {@code reader}. */
    public TrendRequest read(ParamReader reader, QueryConfig.Trends trends, TrendSource source) {
        int series = reader.integer("top", top, 1, trends.maxTop(), trends.defaultTop());
        String rank = reader.oneOf("rank_by", rankBy, List.of("size", "growth"), "size");
        String plotted = reader.oneOf("metric", metric, source.metricNames(), source.defaultMetric());
        return new TrendRequest(series, rank, plotted);
    }

    /**
     * Validated chart options.
     *
     * @param top    number of series
     * @param rankBy size or growth
     * @param metric the plotted column's public name
     */
    public record TrendRequest(int top, String rankBy, String metric) {
    }
}
