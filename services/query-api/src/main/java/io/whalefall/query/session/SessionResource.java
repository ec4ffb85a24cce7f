package io.whalefall.query.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.api.Page;
import io.whalefall.platform.security.Roles;
import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import io.whalefall.query.calendar.Today;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Sync sessions for dashboards: list, detail and a live stream of a session's progress. */
@Path("/api/v1/sync-sessions")
@Tag(name = "Sync sessions")
@RolesAllowed(Roles.VIEWER)
public class SessionResource {

    private final SessionQueries queries;
    private final SessionFeed feed;
    private final QueryConfig config;
    private final Today today;
    private final ObjectMapper mapper;

    public SessionResource(SessionQueries queries, SessionFeed feed, QueryConfig config, Today today,
            ObjectMapper mapper) {
        this.queries = queries;
        this.feed = feed;
        this.config = config;
        this.today = today;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List sync sessions", description = "Most recent first (by start, or last change before the "
            + "start); without records.")
    public ApiResponse<Page<SessionView>> list(
            @QueryParam("status") @Parameter(description = "pending, running, completed, failed or cancelled") String status,
            @QueryParam("sync_type") @Parameter(description = "scheduled_task, manual_task or external") String syncType,
            @QueryParam("start_date") @Parameter(description = "Sessions started on or after this day (YYYY-MM-DD, "
                    + "aggregation zone)") String startDate,
            @QueryParam("end_date") @Parameter(description = "Sessions started on or before this day") String endDate,
            @QueryParam("page") @Parameter(description = "Page number, from 1") String page,
            @QueryParam("limit") @Parameter(description = "Rows per page, 1 to 200 (default 20)") String limit) {
        ParamReader reader = new ParamReader();
        String wantedStatus = reader.oneOf("status", status, SessionView.STATUSES, null);
        String wantedType = reader.oneOf("sync_type", syncType, SessionView.SYNC_TYPES, null);
        LocalDate from = reader.date("start_date", startDate);
        LocalDate to = reader.date("end_date", endDate);
        if (from != null && to != null) {
            reader.check(!from.isAfter(to), "start_date", "must not be after end_date (" + to + ")");
        }
        int pageNumber = reader.integer("page", page, 1, config.lists().maxPage(), 1);
        int rows = reader.integer("limit", limit, 1, config.lists().maxLimit(), config.lists().defaultLimit());
        reader.throwIfInvalid();
        SessionFilter filter = new SessionFilter(wantedStatus, wantedType,
                from == null ? null : from.atStartOfDay(today.zone()).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(today.zone()).toInstant());
        Page<SessionView> sessions = queries.page(filter, pageNumber, rows);
        return ApiResponse.ok("Found " + sessions.total() + " sync sessions", sessions);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One sync session with its per-instance records")
    public ApiResponse<SessionView> get(@PathParam("id") String id) {
        UUID sessionId = sessionId(id);
        return queries.find(sessionId).map(session -> ApiResponse.ok("Sync session", session))
                .orElseThrow(() -> ApiException.notFound("Sync session " + sessionId));
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Live progress of a sync session (server-sent events)", description = "Sends the current "
            + "snapshot as event 'session' (id = its sequence), then every newer snapshot as it is applied, then an "
            + "event 'end' after a terminal status, and closes. Comments keep the stream alive. A client reconnecting "
            + "with Last-Event-ID receives only newer snapshots. Sessions requested through this API may be followed "
            + "before their first snapshot arrives.")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        UUID sessionId = sessionId(id);
        Optional<SessionView> current = queries.find(sessionId);
        if (current.isEmpty() && !queries.requestedHere(sessionId)) {
            throw ApiException.notFound("Sync session " + sessionId);
        }
        long after = lastSequence(lastEventId);
        Multi<OutboundSseEvent> stream = Multi.createFrom().emitter(emitter -> {
            // the latest snapshot known, sent or not (a resuming client may have it already): the end event's status
            AtomicReference<SessionView> last = new AtomicReference<>(current.orElse(null));
            Cancellable beats = Multi.createFrom().ticks().every(config.streams().heartbeat()).subscribe().with(
                    tick -> emitSerialised(emitter, sse.newEventBuilder().comment("keep-alive").build()));
            Cancellable updates = feed.follow(sessionId, after).subscribe().with(
                    snapshot -> {
                        last.set(snapshot);
                        emitSerialised(emitter, session(sse, snapshot));
                    },
                    emitter::fail,
                    () -> {
                        synchronized (emitter) {
                            emitter.emit(end(sse, sessionId, last.get()));
                            emitter.complete();
                        }
                    });
            emitter.onTermination(() -> {
                beats.cancel();
                updates.cancel();
            });
        });
        // past the limit the stream just closes: the browser reconnects with Last-Event-ID and resumes
        return stream.select().first(config.streams().maxDuration());
    }

    private static <T> void emitSerialised(MultiEmitter<? super T> emitter, T item) {
        // heartbeats and snapshots come from different threads; the emitter expects one at a time
        synchronized (emitter) {
            emitter.emit(item);
        }
    }

    private OutboundSseEvent session(Sse sse, SessionView snapshot) {
        return sse.newEventBuilder().name("session").id(Long.toString(snapshot.sequence())).data(json(snapshot)).build();
    }

    private OutboundSseEvent end(Sse sse, UUID sessionId, SessionView last) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_id", sessionId);
        data.put("status", last == null ? null : last.status());
        return sse.newEventBuilder().name("end").data(json(data)).build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a session event", e);
        }
    }

    private static UUID sessionId(String raw) {
        ParamReader reader = new ParamReader();
        UUID id = reader.uuid("id", raw);
        reader.throwIfInvalid();
        return id;
    }

    private static long lastSequence(String lastEventId) {
        if (lastEventId != null && lastEventId.strip().matches("\\d{1,18}")) {
            return Long.parseLong(lastEventId.strip());
        }
        // absent or not ours: start from the current snapshot
        return -1;
    }
}
