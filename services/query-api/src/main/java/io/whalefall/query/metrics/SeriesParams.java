package io.whalefall.query.metrics;

import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;
import java.util.Map;

/** The parameters of {@code GET /api/v1/metrics/series}, as sent; {@link #read} validates them. */
public class SeriesParams {

    @QueryParam("metric")
    @Parameter(description = "Only series of this metric (default: every metric).")
    String metric;

    @QueryParam("page")
    @Parameter(description = "Page number, from 1 (default 1).")
    String page;

    @QueryParam("limit")
    @Parameter(description = "Rows per page, 1 to 200 (default 20).")
    String limit;

    /** Validates the parameters, recording errors in {@code reader}; {@code all} holds the label filters. */
    public SeriesRequest read(ParamReader reader, Map<String, List<String>> all, QueryConfig.Lists lists) {
        return new SeriesRequest(reader.name("metric", metric), LabelFilters.read(reader, all),
                reader.integer("page", page, 1, lists.maxPage(), 1),
                reader.integer("limit", limit, 1, lists.maxLimit(), lists.defaultLimit()));
    }

    /**
     * A validated series list request.
     *
     * @param metric  the metric, or null for all
     * @param filters the label filters
     * @param page    page number, from 1
     * @param limit   rows per page
     */
    public record SeriesRequest(String metric, LabelFilters filters, int page, int limit) {
    }
}
