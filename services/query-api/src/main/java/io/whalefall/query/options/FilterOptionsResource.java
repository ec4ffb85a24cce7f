package io.whalefall.query.options;

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

import java.util.List;

/** The choices of the dashboard's filters: the known instances and the database names aggregated on them. */
@Path("/api/v1/capacity/options")
@Tag(name = "Capacity")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class FilterOptionsResource {

    private final FilterOptionQueries queries;
    private final QueryConfig config;

    public FilterOptionsResource(FilterOptionQueries queries, QueryConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    @Path("/instances")
    @Operation(summary = "Instances to filter by", description = "Every instance the read model knows (active or "
            + "not), by name, with its type and registered capacity; capped like get_all (data.truncated).")
    public ApiResponse<OptionList<InstanceOption>> instances(
            @QueryParam("db_type") @Parameter(description = "Only these types (repeat or separate with commas)")
            List<String> dbType) {
        ParamReader reader = new ParamReader();
        List<String> types = reader.dbTypes("db_type", dbType);
        reader.throwIfInvalid();
        OptionList<InstanceOption> options = queries.instances(types, config.lists().maxGetAll());
        return ApiResponse.ok("Found " + options.items().size() + " instances", options);
    }

    @GET
    @Path("/databases")
    @Operation(summary = "Database names to filter by", description = "The names of every database aggregated on "
            + "the instance (or on instances of the types, or anywhere), by name, each with the number of instances "
            + "that hosted it; capped like get_all (data.truncated).")
    public ApiResponse<OptionList<DatabaseOption>> databases(
            @QueryParam("instance_id") @Parameter(description = "Only this instance") String instanceId,
            @QueryParam("db_type") @Parameter(description = "Only instances of these types") List<String> dbType) {
        ParamReader reader = new ParamReader();
        Long instance = reader.id("instance_id", instanceId);
        List<String> types = reader.dbTypes("db_type", dbType);
        reader.throwIfInvalid();
        OptionList<DatabaseOption> options = queries.databases(instance, types, config.lists().maxGetAll());
        return ApiResponse.ok("Found " + options.items().size() + " database names", options);
    }
}
