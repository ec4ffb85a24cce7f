package io.whalefall.query.metrics;

import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.api.Page;
import io.whalefall.platform.security.Roles;
import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Metric series and their time windows (tumbling, sliding, session), computed from stored window states. */
@Path("/api/v1/metrics")
@Tag(name = "Metric windows")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class MetricsResource {

    private final MetricSeriesQueries seriesQueries;
    private final WindowPlanner planner;
    private final MetricWindowService windows;
    private final QueryConfig queryConfig;
    private final MetricWindowsConfig config;

    public MetricsResource(MetricSeriesQueries seriesQueries, WindowPlanner planner, MetricWindowService windows,
            QueryConfig queryConfig, MetricWindowsConfig config) {
        this.seriesQueries = seriesQueries;
        this.planner = planner;
        this.windows = windows;
        this.queryConfig = queryConfig;
        this.config = config;
    }

    @GET
    @Path("/series")
    @Operation(summary = "Metric series", description = "A page of series (metric + labels), by metric and name. "
            + "Filter by metric and by labels with label.<name>=<value> (any number; all must match).")
    public ApiResponse<Page<MetricSeries>> series(@BeanParam SeriesParams params, @Context UriInfo uri) {
        ParamReader reader = new ParamReader();
        SeriesParams.SeriesRequest request = params.read(reader, uri.getQueryParameters(), queryConfig.lists());
        reader.throwIfInvalid();
        Page<MetricSeries> page = seriesQueries.page(request.metric(), request.filters(), request.page(),
                request.limit());
        return ApiResponse.ok(page.total() + " series", page);
    }

    @GET
    @Path("/windows")
    @Operation(summary = "Metric windows", description = "Windows of a metric's series over a time range: tumbling "
            + "(window), sliding (window + slide) or session windows (session_gap), with count, sum, avg, min, max, "
            + "stddev, p50/p95/p99, custom quantiles and histograms. Filter series with label.<name>=<value> (any "
            + "number) and group them with group_by. Windows are merged from the coarsest stored resolution (1m, 1h, "
            + "1d) that divides window and slide and still holds the range; quantiles are within 1% of the exact "
            + "value. Empty windows have count 0, sum 0 and null for the other statistics.")
    public ApiResponse<WindowsView> windows(@BeanParam WindowParams params, @Context UriInfo uri) {
        ParamReader reader = new ParamReader();
        WindowRequest request = params.read(reader, uri.getQueryParameters(), config.query().maxQuantiles());
        reader.throwIfInvalid();
        WindowPlan plan = planner.plan(request, reader);
        reader.throwIfInvalid();
        WindowsView view = windows.compute(plan);
        return ApiResponse.ok(message(view), view);
    }

    private static String message(WindowsView view) {
        long windows = view.groups().stream().mapToLong(g -> g.windows().size()).sum();
        String what = "session".equals(view.kind()) ? windows + " sessions"
                : windows + " " + view.kind() + " windows of " + view.window()
                        + ("sliding".equals(view.kind()) ? " every " + view.slide() : "");
        return what + " in " + view.groups().size() + " groups of " + view.seriesCount() + " series, merged from "
                + view.resolutionUsed() + " windows";
    }
}
