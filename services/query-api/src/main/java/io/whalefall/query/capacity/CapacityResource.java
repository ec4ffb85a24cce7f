package io.whalefall.query.capacity;

import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.api.Page;
import io.whalefall.platform.security.Roles;
import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import io.whalefall.query.calendar.Today;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** WhaleFall's {@code /api/v1/capacity} read contract: database and instance aggregates and their summaries. */
@Path("/api/v1/capacity")
@Tag(name = "Capacity")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class CapacityResource {

    private final CapacityQueries queries;
    private final QueryConfig config;
    private final Today today;

    public CapacityResource(CapacityQueries queries, QueryConfig config, Today today) {
        this.queries = queries;
        this.config = config;
        this.today = today;
    }

    @GET
    @Path("/databases")
    @Operation(summary = "Database aggregates", description = "A page of database-level period aggregates, newest "
            + "period first by default; every item carries its instance (id, name, db_type).")
    public ApiResponse<Page<DatabaseAggregateView>> databases(@BeanParam CapacityParams filter,
            @BeanParam PageParams paging) {
        return list(AggregateTable.DATABASES, filter, paging, "database aggregates");
    }

    @GET
    @Path("/instances")
    @Operation(summary = "Instance aggregates", description = "A page of instance-level period aggregates, newest "
            + "period first by default; every item carries its instance (id, name, db_type).")
    public ApiResponse<Page<InstanceAggregateView>> instances(@BeanParam CapacityParams filter,
            @BeanParam PageParams paging) {
        return list(AggregateTable.INSTANCES, filter, paging, "instance aggregates");
    }

    @GET
    @Path("/databases/summary")
    @Operation(summary = "Summary of database aggregates", description = "Totals of each instance's latest period "
            + "within the filters (period_type defaults to daily) and the growth of the total.")
    public ApiResponse<Map<String, CapacitySummary>> databaseSummary(@BeanParam CapacityParams filter) {
        return summary(AggregateTable.DATABASES, filter);
    }

    @GET
    @Path("/instances/summary")
    @Operation(summary = "Summary of instance aggregates", description = "Totals of each instance's latest period "
            + "within the filters (period_type defaults to daily) and the growth of the total.")
    public ApiResponse<Map<String, CapacitySummary>> instanceSummary(@BeanParam CapacityParams filter) {
        return summary(AggregateTable.INSTANCES, filter);
    }

    private <T> ApiResponse<Page<T>> list(AggregateTable<T> table, CapacityParams filterParams, PageParams pageParams,
            String what) {
        ParamReader reader = new ParamReader();
        CapacityFilter filter = filterParams.read(reader, today.date(), config.lists().maxTimeRangeDays(), null);
        PageRequest request = pageParams.read(reader, config.lists(), table.sorts());
        reader.throwIfInvalid();
        Page<T> page = queries.page(table, filter, request);
        String message = request.getAll() && page.total() > page.items().size()
                ? "Returned the first " + page.items().size() + " of " + page.total() + " " + what + ": get_all is capped at "
                        + config.lists().maxGetAll() + "; narrow the filters or page through them"
                : "Found " + page.total() + " " + what;
        return ApiResponse.ok(message, page);
    }

    private ApiResponse<Map<String, CapacitySummary>> summary(AggregateTable<?> table, CapacityParams filterParams) {
        ParamReader reader = new ParamReader();
        CapacityFilter filter = filterParams.read(reader, today.date(), config.lists().maxTimeRangeDays(),
                PeriodType.DAILY);
        reader.throwIfInvalid();
        CapacitySummary summary = queries.summary(table, filter,
                "each instance's latest " + filter.periodType().code() + " period within the filters");
        return ApiResponse.ok("Summary of " + summary.totalDatabases() + " databases on " + summary.totalInstances()
                + " instances", Map.of("summary", summary));
    }
}
