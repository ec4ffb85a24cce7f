package io.whalefall.ingestion.metrics;

import io.whalefall.contracts.metrics.MetricPointsCollected;
import io.whalefall.ingestion.stats.InvalidBatchException;
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

/** Collectors post metric points here. */
@Path("/api/v1/metrics/points")
@Tag(name = "Metric points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricPointsResource {

    private final MetricIngestion ingestion;

    public MetricPointsResource(MetricIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @POST
    @RolesAllowed({Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "Post a batch of metric points",
            description = "202 with the counts received, stored and duplicate (a point already stored for its series "
                    + "and timestamp is not stored twice). Any invalid point (no metric name, a non-finite value, a "
                    + "timestamp too far in the future or older than the raw retention, bad labels) rejects the whole "
                    + "batch with 400 VALIDATION_ERROR naming the point and field.")
    public Response post(MetricPointsCollected batch) {
        if (batch == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body is empty", Map.of());
        }
        try {
            return Response.accepted(ApiResponse.ok("Points accepted", ingestion.ingest(batch))).build();
        } catch (InvalidBatchException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, e.getMessage(),
                    Map.of("errors", e.errors(), "total_errors", e.totalErrors()));
        }
    }
}
