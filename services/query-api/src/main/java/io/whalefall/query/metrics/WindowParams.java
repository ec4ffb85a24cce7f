package io.whalefall.query.metrics;

import io.whalefall.query.api.ParamReader;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The parameters of {@code GET /api/v1/metrics/windows}, as sent; {@link #read} validates them. */
public class WindowParams {

    /** Bounds of from and to: far beyond any stored window, yet safe for instant arithmetic. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @QueryParam("metric")
    @Parameter(description = "The metric name (required).")
    String metric;

    @QueryParam("from")
    @Parameter(description = "Start of the range, ISO-8601 with offset (2026-11-20T00:00:00Z; encode + as %2B). "
            + "Default: to minus 24 hours. The first window starts at from aligned down to a multiple of the slide "
            + "(or window), counted from the Unix epoch in UTC.")
    String from;

    @QueryParam("to")
    @Parameter(description = "End of the range, ISO-8601 with offset (default now). The last window starts before to "
            + "and is returned whole, with every state inside it.")
    String to;

    @QueryParam("window")
    @Parameter(description = "Window length: minutes, hours or days (5m, 1h, 24h, 7d). Alone: tumbling windows.")
    String window;

    @QueryParam("slide")
    @Parameter(description = "With window: sliding windows starting every slide (e.g. window=24h&slide=1h).")
    String slide;

    @QueryParam("session_gap")
    @Parameter(description = "Session windows instead (not with window or slide): runs of activity separated by at "
            + "least this much inactivity, with the granularity of the resolution used.")
    String sessionGap;

    @QueryParam("group_by")
    @Parameter(description = "Absent or *: one result per series. Empty (group_by=): all matching series merged into "
            + "one result. Label names (instance,db): one result per combination of their values.")
    String groupBy;

    @QueryParam("functions")
    @Parameter(description = "Comma-separated: count, sum, avg, min, max, stddev, p50, p95, p99, histogram. Default: "
            + "all but histogram. count is always returned.")
    String functions;

    @QueryParam("quantiles")
    @Parameter(description = "Custom quantiles from 0 to 1, comma-separated (quantiles=0.9,0.999), returned under "
            + "quantiles with the relative accuracy of p50/p95/p99 (1%).")
    String quantiles;

    /**
     * Validates the parameters, recording errors in {@code reader}; {@code all} holds every query parameter,
     * for the {@code label.<name>} filters.
     */
    public WindowRequest read(ParamReader reader, Map<String, List<String>> all, int maxQuantiles) {
        String name = reader.name("metric", metric);
        if (metric == null || metric.isEmpty()) {
            reader.reject("metric", "is required");
        }
        LabelFilters filters = LabelFilters.read(reader, all);
        // "group_by" without a value (as some clients send group_by=) means empty, not absent
        Grouping grouping = Grouping.read(reader, groupBy == null && all.containsKey("group_by") ? "" : groupBy);
        Instant start = instant(reader, "from", from);
        Instant end = instant(reader, "to", to);
        WindowSpec spec = WindowSpec.read(reader, window, slide, sessionGap);
        FunctionSet statistics = FunctionSet.read(reader, functions, quantiles, maxQuantiles);
        return new WindowRequest(name, filters, grouping, start, end, spec, statistics);
    }

    /** An ISO-8601 date-time with offset; a '+' that arrived unencoded (as a space) is taken back. */
    static Instant instant(ParamReader reader, String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(raw.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeException e) {
            reader.reject(name, "must be an ISO-8601 date-time with offset, e.g. 2026-11-20T08:00:00Z or "
                    + "2026-11-20T16:00:00%2B08:00");
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            reader.reject(name, "must lie between " + EARLIEST + " and " + LATEST);
            return null;
        }
        return instant;
    }
}
