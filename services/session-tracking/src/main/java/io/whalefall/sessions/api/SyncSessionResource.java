package io.whalefall.sessions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.api.ErrorCode;
import io.whalefall.platform.security.Roles;
import io.whalefall.sessions.store.RecordDetail;
import io.whalefall.sessions.store.SessionQueries;
import io.whalefall.sessions.store.SyncSession;
import io.whalefall.sessions.tracking.CancellationRefusedException;
import io.whalefall.sessions.tracking.SessionCancellation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Session tracking's own views of a sync session (every field, every period of every record, the failed records)
 * and its cancellation. The session list, the summary view and the live stream are query-api's
 * {@code GET /api/v1/sync-sessions[/{id}[/events]]}: one path, one answer.
 */
@Path("/api/v1/sync-sessions")
@Tag(name = "Sync sessions", description = "Aggregation runs and their per-instance records, built from bus events")
@Produces(MediaType.APPLICATION_JSON)
public class SyncSessionResource {

    private final SessionQueries queries;
    private final SessionCancellation cancellation;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;
    private final Validator validator;

    public SyncSessionResource(SessionQueries queries, SessionCancellation cancellation, SecurityIdentity identity,
            ObjectMapper mapper, Validator validator) {
        this.queries = queries;
        this.cancellation = cancellation;
        this.identity = identity;
        this.mapper = mapper;
        this.validator = validator;
    }

    @GET
    @Path("/{id}/sync-details")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One sync session as session tracking records it, with every period of every record",
            description = "Every field of the session (mode, range, force, cancellation) and, per instance record, "
                    + "sync_details: each period written or skipped. Lists, the summary view and the live stream "
                    + "of sessions are query-api's GET /api/v1/sync-sessions[/{id}[/events]].")
    public ApiResponse<SessionDetail> syncDetails(@PathParam("id") String id) {
        UUID sessionId = parseId(id);
        SyncSession session = queries.find(sessionId).orElseThrow(() -> notFound(id));
        return ApiResponse.ok("Sync session", new SessionDetail(session, queries.records(sessionId, false)));
    }

    @GET
    @Path("/{id}/error-logs")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The failed records of a sync session, with their errors")
    public ApiResponse<ErrorLogs> errorLogs(@PathParam("id") String id) {
        UUID sessionId = parseId(id);
        SyncSession session = queries.find(sessionId).orElseThrow(() -> notFound(id));
        List<RecordDetail> failed = queries.records(sessionId, true);
        return ApiResponse.ok("Sync session error logs", new ErrorLogs(session, failed.size(), failed));
    }

    @POST
    @Path("/{id}/actions/cancel")
    @RolesAllowed(Roles.ADMIN)
    // any or no Content-Type: the body is optional, and a body-less POST usually names no type
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a running sync session",
            description = "202: the cancellation was sent to the aggregation run, which skips its remaining instances; "
                    + "the session becomes cancelled when the run has stopped. 400 INVALID_REQUEST when the session is "
                    + "not running or its cancellation was already requested. Optional body: {\"reason\": \"...\"}.")
    public Response cancel(@PathParam("id") String id, String body) throws JsonProcessingException {
        UUID sessionId = parseId(id);
        CancelRequest request = cancelRequest(body);
        try {
            SyncSession session = cancellation.cancel(sessionId, identity.getPrincipal().getName(),
                    request == null ? null : request.reason()).orElseThrow(() -> notFound(id));
            return Response.accepted(ApiResponse.ok("Cancellation requested",
                    new SessionDetail(session, queries.records(sessionId, false)))).build();
        } catch (CancellationRefusedException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of("session_id", id));
        }
    }

    /** The optional JSON body, validated; malformed JSON and bad fields are answered by the error mappers. */
    private CancelRequest cancelRequest(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        CancelRequest request = mapper.readValue(body, CancelRequest.class);
        Set<ConstraintViolation<CancelRequest>> violations = request == null ? Set.of() : validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    private static UUID parseId(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical form names a session
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.validation("id", "must be a UUID");
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Sync session " + id);
    }
}
