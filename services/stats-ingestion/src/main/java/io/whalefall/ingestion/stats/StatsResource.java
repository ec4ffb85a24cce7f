package io.whalefall.ingestion.stats;

import io.whalefall.contracts.stats.StatsCollected;
import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.api.ErrorCode;
import io.whalefall.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Collectors post capacity samples here. */
@Path("/api/v1/capacity/stats")
@Tag(name = "Capacity stats")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatsIngestion ingestion;

    public StatsResource(StatsIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @POST
    @RolesAllowed({Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "Post a batch of capacity samples",
            description = "202 with the counts stored; re-sent samples are counted as duplicates and not stored twice. "
                    + "Any invalid row rejects the whole batch with 400 VALIDATION_ERROR naming the row and field.")
    public Response post(StatsCollected batch) {
        if (batch == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body is empty", Map.of());
        }
        try {
            IngestionReport report = ingestion.ingest(batch);
            return Response.accepted(ApiResponse.ok("Samples accepted", report)).build();
        } catch (InvalidBatchException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, e.getMessage(),
                    Map.of("errors", e.errors(), "total_errors", e.totalErrors()));
        }
    }
}
