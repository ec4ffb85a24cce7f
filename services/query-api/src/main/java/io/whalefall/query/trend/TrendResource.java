package io.whalefall.query.trend;

import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.security.Roles;
import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import io.whalefall.query.calendar.Today;
import io.whalefall.query.capacity.CapacityFilter;
import io.whalefall.query.capacity.CapacityParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Chart-ready trend series (labels + datasets) of database and instance sizes. */
@Path("/api/v1/capacity/trends")
@Tag(name = "Capacity trends")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class TrendResource {

    private final TrendQueries queries;
    private final QueryConfig config;
    private final Today today;

    public TrendResource(TrendQueries queries, QueryConfig config, Today today) {
        this.queries = queries;
        this.config = config;
        this.today = today;
    }

    @GET
    @Path("/databases")
    @Operation(summary = "Trend of the top databases", description = "One series per database (the top N by size or "
            + "growth), one point per period (period_type defaults to daily); accepts the list filters. Without "
            + "start_date, end_date or time_range the chart covers the last 30 days.")
    public ApiResponse<TrendChart> databases(@BeanParam CapacityParams filter, @BeanParam TrendParams options) {
        return chart(TrendSource.DATABASES, filter, options);
    }

    @GET
    @Path("/instances")
    @Operation(summary = "Trend of the top instances", description = "One series per instance (the top N by size or "
            + "growth), one point per period (period_type defaults to daily); accepts the list filters. Without "
            + "start_date, end_date or time_range the chart covers the last 30 days.")
    public ApiResponse<TrendChart> instances(@BeanParam CapacityParams filter, @BeanParam TrendParams options) {
        return chart(TrendSource.INSTANCES, filter, options);
    }

    private ApiResponse<TrendChart> chart(TrendSource source, CapacityParams filterParams, TrendParams options) {
        ParamReader reader = new ParamReader();
        CapacityFilter filter = filterParams.read(reader, today.date(), config.lists().maxTimeRangeDays(),
                PeriodType.DAILY, config.trends().defaultTimeRange());
        TrendParams.TrendRequest request = options.read(reader, config.trends(), source);
        reader.throwIfInvalid();
        TrendChart chart = queries.chart(source, filter, request);
        return ApiResponse.ok(chart.datasets().size() + " of " + chart.totalSeries() + " series over "
                + chart.labels().size() + " " + chart.periodType() + " periods", chart);
    }
}
