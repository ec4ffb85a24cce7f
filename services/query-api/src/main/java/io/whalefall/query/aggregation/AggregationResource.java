package io.whalefall.query.aggregation;

import io.quarkus.security.identity.SecurityIdentity;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.platform.api.ApiResponse;
import io.whalefall.platform.security.Roles;
import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import io.whalefall.query.calendar.Today;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Administrators start aggregation runs here: the current period (WhaleFall's "aggregate today") or a backfill. */
@Path("/api/v1/capacity/aggregations")
@Tag(name = "Aggregations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AggregationResource {

    private final AggregationTrigger trigger;
    private final QueryConfig config;
    private final Today today;
    private final SecurityIdentity identity;

    public AggregationResource(AggregationTrigger trigger, QueryConfig config, Today today, SecurityIdentity identity) {
        this.trigger = trigger;
        this.config = config;
        this.today = today;
        this.identity = identity;
    }

    @POST
    @Path("/current")
    @Operation(summary = "Aggregate the current period", description = "Publishes AggregationRequested (mode current) "
            + "for today's period of period_type (default daily) and answers 202 with data.result: the period, the "
            + "scope's summaries and the session to follow. scope: all (every active instance), instance (instance_ids) "
            + "or database (instance_id + database_name; the run aggregates that instance).")
    public Response current(CurrentAggregationBody body) {
        CurrentAggregationBody request = body == null ? new CurrentAggregationBody(null, null, null, null, null) : body;
        ParamReader reader = new ParamReader();
        PeriodType type = reader.periodType("period_type", request.periodType(), PeriodType.DAILY);
        TriggerScope scope = TriggerScope.read(reader, request.scope(), request.instanceIds(), request.instanceId(),
                request.databaseName(), config.aggregations().maxInstanceIds());
        reader.throwIfInvalid();
        CurrentAggregationResult result = trigger.current(type, scope, identity.getPrincipal().getName());
        return accepted(result.message(), result);
    }

    @POST
    @Path("/backfill")
    @Operation(summary = "Backfill a date range", description = "Publishes AggregationRequested (mode range) for every "
            + "period of period_types (default all four) overlapping from..to (at most 800 days, from not in the "
            + "future); force recomputes periods already aggregated. Answers 202 with data.result.")
    public Response backfill(BackfillBody body) {
        BackfillBody request = body == null ? new BackfillBody(null, null, null, null, null, null, null, null) : body;
        ParamReader reader = new ParamReader();
        List<PeriodType> types = periodTypes(reader, request.periodTypes());
        LocalDate from = reader.date("from", request.from());
        LocalDate to = reader.date("to", request.to());
        reader.check(request.from() != null || reader.failed("from"), "from", "is required");
        reader.check(request.to() != null || reader.failed("to"), "to", "is required");
        if (from != null && to != null) {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            reader.check(!from.isAfter(to), "from", "must not be after to (" + to + ")");
            reader.check(days <= config.aggregations().maxRangeDays(), "to",
                    "the range covers " + days + " days; at most " + config.aggregations().maxRangeDays() + " are allowed");
        }
        if (from != null) {
            reader.check(!from.isAfter(today.date()), "from", "must not be in the future (today is " + today.date() + ")");
        }
        TriggerScope scope = TriggerScope.read(reader, request.scope(), request.instanceIds(), request.instanceId(),
                request.databaseName(), config.aggregations().maxInstanceIds());
        reader.throwIfInvalid();
        BackfillResult result = trigger.backfill(types, from, to, Boolean.TRUE.equals(request.force()), scope,
                identity.getPrincipal().getName());
        return accepted(result.message(), result);
    }

    private static List<PeriodType> periodTypes(ParamReader reader, List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of(PeriodType.values());
        }
        List<PeriodType> types = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "period_types[" + i + "]";
            PeriodType type = reader.periodType(field, raw.get(i), null);
            if (type == null && !reader.failed(field)) {
                reader.reject(field, "must be one of daily, weekly, monthly, quarterly");
            }
            if (type != null) {
                types.add(type);
            }
        }
        return List.copyOf(new LinkedHashSet<>(types));
    }

    private static Response accepted(String message, Object result) {
        return Response.accepted(ApiResponse.ok(message, Map.of("result", result))).build();
    }
}
