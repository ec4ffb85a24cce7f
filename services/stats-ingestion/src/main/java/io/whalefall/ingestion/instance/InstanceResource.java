package io.whalefall.ingestion.instance;

import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Instance registration: the metadata every other service learns through {@code InstanceUpserted}. */
@Path("/api/v1/instances")
@Tag(name = "Instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstanceResource {

    private final InstanceService instances;

    public InstanceResource(InstanceService instances) {
        this.instances = instances;
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "Create or update an instance", description = "201 when created, 200 when updated or unchanged.")
    public Response upsert(@PathParam("id") String id, @Valid @NotNull InstanceRequest request) {
        InstanceService.Result result = instances.upsert(parseId(id), request);
        String message = switch (result.outcome()) {
            case CREATED -> "Instance created";
            case UPDATED -> "Instance updated";
            case UNCHANGED -> "Instance unchanged";
        };
        return Response.status(result.outcome() == InstanceService.Outcome.CREATED ? 201 : 200)
                .entity(ApiResponse.ok(message, InstanceView.of(result.instance()))).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.COLLECTOR})
    @Operation(summary = "List registered instances")
    public ApiResponse<List<InstanceView>> list() {
        return ApiResponse.ok("Instances", instances.list().stream().map(InstanceView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.COLLECTOR})
    @Operation(summary = "One registered instance")
    public ApiResponse<InstanceView> get(@PathParam("id") String id) {
        Instance instance = instances.find(parseId(id)).orElseThrow(() -> ApiException.notFound("Instance " + id));
        return ApiResponse.ok("Instance", InstanceView.of(instance));
    }

    private static long parseId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation("id", "must be a positive integer");
    }
}
