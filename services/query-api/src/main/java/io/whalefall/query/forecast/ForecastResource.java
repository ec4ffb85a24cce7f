package io.whalefall.query.forecast;

import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.security.Roles;
import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Growth forecasts: growth per day from a linear regression over daily aggregates, and when a threshold is reached. */
@Path("/api/v1/capacity/forecasts")
@Tag(name = "Capacity forecasts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ForecastResource {

    /** Thresholds beyond an exabyte are typing errors, not capacities. */
    private static final long MAX_THRESHOLD_MB = 1_000_000_000_000L;

    private final ForecastService forecasts;
    private final QueryConfig config;

    public ForecastResource(ForecastService forecasts, QueryConfig config) {
        this.forecasts = forecasts;
        this.config = config;
    }

    @GET
    @Path("/databases")
    @Operation(summary = "Forecast a database's growth", description = "Fits a line to the database's daily avg_size_mb "
            + "over the last window_days days and projects when it reaches threshold_mb (default: the instance's "
            + "registered capacity). status insufficient_data when the window holds too few daily aggregates.")
    public ApiResponse<Forecast> database(
            @QueryParam("instance_id") @Parameter(description = "The instance (required)") String instanceId,
            @QueryParam("database_name") @Parameter(description = "The database (required)") String databaseName,
            @QueryParam("window_days") @Parameter(description = "Days of history, 2 to 1095 (default 90)") String windowDays,
            @QueryParam("threshold_mb") @Parameter(description = "Size to project to, in MB") String thresholdMb) {
        ParamReader reader = new ParamReader();
        Long instance = reader.id("instance_id", instanceId);
        reader.check(instance != null || reader.failed("instance_id"), "instance_id", "is required");
        String database = reader.name("database_name", databaseName);
        reader.check(database != null || reader.failed("database_name"), "database_name", "is required");
        int window = window(reader, windowDays);
        Long threshold = reader.megabytes("threshold_mb", thresholdMb, MAX_THRESHOLD_MB);
        reader.throwIfInvalid();
        Forecast forecast = forecasts.database(instance, database, window, threshold);
        return ApiResponse.ok(forecast.message(), forecast);
    }

    @GET
    @Path("/instances")
    @Operation(summary = "Forecast an instance's growth", description = "Fits a line to the instance's daily "
            + "total_size_mb over the last window_days days and projects when it reaches threshold_mb (default: its "
            + "registered capacity). status insufficient_data when the window holds too few daily aggregates.")
    public ApiResponse<Forecast> instance(
            @QueryParam("instance_id") @Parameter(description = "The instance (required)") String instanceId,
            @QueryParam("window_days") @Parameter(description = "Days of history, 2 to 1095 (default 90)") String windowDays,
            @QueryParam("threshold_mb") @Parameter(description = "Size to project to, in MB") String thresholdMb) {
        ParamReader reader = new ParamReader();
        Long instance = reader.id("instance_id", instanceId);
        reader.check(instance != null || reader.failed("instance_id"), "instance_id", "is required");
        int window = window(reader, windowDays);
        Long threshold = reader.megabytes("threshold_mb", thresholdMb, MAX_THRESHOLD_MB);
        reader.throwIfInvalid();
        Forecast forecast = forecasts.instance(instance, window, threshold);
        return ApiResponse.ok(forecast.message(), forecast);
    }

    private int window(ParamReader reader, String raw) {
        return reader.integer("window_days", raw, 2, config.forecasts().maxWindowDays(),
                config.forecasts().defaultWindowDays());
    }
}
