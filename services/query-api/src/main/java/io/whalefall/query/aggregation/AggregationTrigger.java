package io.whalefall.query.aggregation;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.AggregationRequested;
import io.whalefall.contracts.aggregation.AggregationScope;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.platform.calendar.PeriodCalendar;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.query.calendar.Today;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns an administrator's request into an {@code AggregationRequested} command. The command is written to
 * the outbox in the same transaction as the request log, so an accepted request is never lost; the run
 * itself is asynchronous and is followed through its sync session.
 */
@ApplicationScoped
public class AggregationTrigger {

    private static final String LOG_REQUEST = """
            INSERT INTO aggregation_request (request_id, session_id, mode, period_types, scope, instance_ids,
                range_from, range_to, force, requested_by)
            VALUES (?, ?, ?, ?, ?, ?, ?::date, ?::date, ?, ?)
            """;

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final Today today;

    public AggregationTrigger(Jdbc jdbc, Outbox outbox, Today today) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.today = today;
    }

    /** Queues the aggregation of the current period of {@code type} (WhaleFall's "aggregate today"). */
    @Transactional
    public CurrentAggregationResult current(PeriodType type, TriggerScope scope, String requestedBy) {
        requireKnownInstances(scope);
        PeriodRef period = PeriodCalendar.containing(type, today.date());
        AggregationRequested command = new AggregationRequested(UUID.randomUUID().toString(), Trigger.MANUAL,
                requestedBy, new AggregationScope(scope.instanceIds()), List.of(type), AggregationMode.CURRENT, null,
                null, false);
        UUID session = submit(command, scope);
        String message = "Aggregation of the current " + type.code() + " period (" + period.periodStart() + " to "
                + period.periodEnd() + ") is queued for " + describe(scope) + "; follow session " + session
                + " for its progress";
        return new CurrentAggregationResult("queued", message, command.requestId(), type.code(), period.periodStart(),
                period.periodEnd(), scope.name(), type.code(), type.code(), instanceSummary(scope), databaseSummary(scope),
                SessionRef.pending(session));
    }

    /** Queues the aggregation of every period of {@code types} overlapping {@code from..to}. */
    @Transactional
    public BackfillResult backfill(List<PeriodType> types, LocalDate from, LocalDate to, boolean force,
            TriggerScope scope, String requestedBy) {
        requireKnownInstances(scope);
        AggregationRequested command = new AggregationRequested(UUID.randomUUID().toString(), Trigger.MANUAL,
                requestedBy, new AggregationScope(scope.instanceIds()), types, AggregationMode.RANGE, from, to, force);
        UUID session = submit(command, scope);
        Map<String, Integer> periods = new LinkedHashMap<>();
        types.forEach(type -> periods.put(type.code(), PeriodCalendar.overlapping(type, from, to).size()));
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        String message = "Backfill of " + days + " days (" + from + " to " + to + ") is queued for " + describe(scope)
                + (force ? ", recomputing periods already aggregated" : "") + "; follow session " + session
                + " for its progress";
        return new BackfillResult("queued", message, command.requestId(), "range",
                types.stream().map(PeriodType::code).toList(), from, to, days, force, scope.name(), periods,
                instanceSummary(scope), databaseSummary(scope), SessionRef.pending(session));
    }

    /** Writes the request log and the command (in the caller's transaction); returns the run's session id. */
    private UUID submit(AggregationRequested command, TriggerScope scope) {
        UUID session = RunId.forRequest(command.requestId());
        jdbc.update(LOG_REQUEST, Arrays.asList(command.requestId(), session, command.mode().name().toLowerCase(Locale.ROOT),
                SqlArray.texts(command.periodTypes().stream().map(PeriodType::code).toList()), scope.name(),
                SqlArray.bigints(scope.instanceIds()), command.from(), command.to(), command.force(),
                command.requestedBy()));
        outbox.add(OutgoingMessage.of(MessageType.AGGREGATION_REQUESTED, command, command.requestId()));
        return session;
    }

    /** Refuses instance ids the read model has never heard of (period-aggregation would reject the run). */
    private void requireKnownInstances(TriggerScope scope) {
        if (scope.instanceIds().isEmpty()) {
            return;
        }
        Set<Long> unknown = new TreeSet<>(scope.instanceIds());
        unknown.removeAll(jdbc.list("SELECT instance_id FROM instance WHERE instance_id = ANY(?)",
                List.of(SqlArray.bigints(scope.instanceIds())), rs -> rs.getLong(1)));
        if (!unknown.isEmpty()) {
            String field = scope.name().equals("database") ? "instance_id" : "instance_ids";
            throw ApiException.validation(field, "unknown instance" + (unknown.size() > 1 ? "s " : " ") + unknown);
        }
    }

    private ScopeSummary.Instances instanceSummary(TriggerScope scope) {
        if (scope.instanceIds().isEmpty()) {
            return new ScopeSummary.Instances(scope.name(),
                    jdbc.count("SELECT count(*) FROM instance WHERE is_active", List.of()), null);
        }
        return new ScopeSummary.Instances(scope.name(), scope.instanceIds().size(), scope.instanceIds());
    }

    private ScopeSummary.Databases databaseSummary(TriggerScope scope) {
        long databases = switch (scope.name()) {
            case "database" -> jdbc.count("SELECT count(*) FROM database_catalog WHERE instance_id = ? AND database_name = ?",
                    List.of(scope.instanceIds().get(0), scope.databaseName()));
            case "instance" -> jdbc.count("SELECT count(*) FROM database_catalog WHERE instance_id = ANY(?)",
                    List.of(SqlArray.bigints(scope.instanceIds())));
            default -> jdbc.count("""
                    SELECT count(*) FROM database_catalog c JOIN instance i ON i.instance_id = c.instance_id
                    WHERE i.is_active
                    """, List.of());
        };
        return new ScopeSummary.Databases(databases, scope.databaseName());
    }

    private static String describe(TriggerScope scope) {
        return switch (scope.name()) {
            case "database" -> "instance " + scope.instanceIds().get(0) + " (database " + scope.databaseName() + ")";
            case "instance" -> scope.instanceIds().size() == 1 ? "instance " + scope.instanceIds().get(0)
                    : scope.instanceIds().size() + " instances";
            default -> "all active instances";
        };
    }
}
