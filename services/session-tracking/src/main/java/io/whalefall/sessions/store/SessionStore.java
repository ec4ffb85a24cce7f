package io.whalefall.sessions.store;

import io.whalefall.contracts.aggregation.AggregationFinished;
import io.whalefall.contracts.aggregation.AggregationRejected;
import io.whalefall.contracts.aggregation.AggregationStarted;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.sessions.state.Codes;
import io.whalefall.sessions.state.SyncTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records the facts of a run as they arrive, one statement for the session and one for its records per
 * event. Every write starts with the session row's upsert, which locks it: events of one session are
 * applied one after the other, so the recount that follows always sees every committed record.
 */
@ApplicationScoped
public class SessionStore {

    private static final String STARTED = """
            INSERT INTO sync_session AS s (session_id, request_id, sync_type, created_by, mode, period_types, periods,
                range_from, range_to, force, run_started_at, expected_instances, status, last_event_at)
            VALUES (?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?, ?, ?, 'running', now())
            ON CONFLICT (session_id) DO UPDATE SET request_id = excluded.request_id, sync_type = excluded.sync_type,
                created_by = excluded.created_by, mode = excluded.mode, period_types = excluded.period_types,
                periods = excluded.periods, range_from = excluded.range_from, range_to = excluded.range_to,
                force = excluded.force, run_started_at = excluded.run_started_at,
                expected_instances = excluded.expected_instances, last_event_at = now()
            """;
    /** AggregationStarted names the instances: the name at the run's start wins over any later event's. */
    private static final String STARTED_RECORDS = """
            INSERT INTO sync_session_record AS r (session_id, instance_id, instance_name, named_by_run, status)
            SELECT ?, t.instance_id, t.name, true, 'pending' FROM unnest(?::bigint[], ?::text[]) AS t(instance_id, name)
            ON CONFLICT (session_id, instance_id) DO UPDATE SET instance_name = excluded.instance_name, named_by_run = true
            """;
    /** What the run is comes from AggregationStarted when both arrive, in either order. */
    private static final String REJECTED = """
            INSERT INTO sync_session AS s (session_id, request_id, sync_type, created_by, rejected_reason, rejected_at,
                status, last_event_at)
            VALUES (?, ?, ?, ?, ?, ?, 'failed', now())
            ON CONFLICT (session_id) DO UPDATE SET
                sync_type = CASE WHEN s.expected_instances IS NULL THEN excluded.sync_type ELSE s.sync_type END,
                created_by = CASE WHEN s.expected_instances IS NULL THEN excluded.created_by ELSE s.created_by END,
                rejected_reason = excluded.rejected_reason, rejected_at = excluded.rejected_at, last_event_at = now()
            """;
    private static final String HEARD_FROM = """
            INSERT INTO sync_session AS s (session_id, request_id, status, last_event_at) VALUES (?, ?, 'running', now())
            ON CONFLICT (session_id) DO UPDATE SET last_event_at = now()
            """;
    /**
     * An instance event only replaces a record's state with one of higher rank (failed > completed > skipped >
     * running > pending), or of equal rank that ended later: late and repeated events never move a record back.
     */
    private static final String INSTANCE_OUTCOME = """
            INSERT INTO sync_session_record AS r (session_id, instance_id, instance_name, status, started_at,
                completed_at, items_synced, error_message, sync_details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (session_id, instance_id) DO UPDATE SET
                instance_name = CASE WHEN r.named_by_run THEN r.instance_name ELSE excluded.instance_name END,
                status = excluded.status, started_at = excluded.started_at, completed_at = excluded.completed_at,
                items_synced = excluded.items_synced, error_message = excluded.error_message,
                sync_details = excluded.sync_details
            WHERE record_status_rank(excluded.status) > record_status_rank(r.status)
               OR (excluded.status = r.status AND excluded.completed_at > r.completed_at)
            """;
    private static final String FINISHED = """
            INSERT INTO sync_session AS s (session_id, request_id, finished_outcome, finished_at, finished_instances,
                status, last_event_at)
            VALUES (?, ?, ?, ?, ?, 'running', now())
            ON CONFLICT (session_id) DO UPDATE SET finished_outcome = excluded.finished_outcome,
                finished_at = excluded.finished_at, finished_instances = excluded.finished_instances,
                last_event_at = now()
            """;
    private static final String LOCK = """
            SELECT status, request_id, cancel_requested_by, cancel_requested_at FROM sync_session
            WHERE session_id = ? FOR UPDATE
            """;
    private static final String CANCEL = """
            UPDATE sync_session SET cancel_requested_by = ?, cancel_reason = ?, cancel_requested_at = now()
            WHERE session_id = ?
            """;

    /** A session locked for an operator's action. */
    public record Locked(SessionStatus status, String requestId, String cancelRequestedBy, Instant cancelRequestedAt) {
    }

    private final Jdbc jdbc;
    private final JsonColumns json;

    public SessionStore(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The run started: what it is, and one pending record per instance not yet heard of. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordStarted(AggregationStarted event) {
        Map<Long, String> instances = new LinkedHashMap<>();
        for (InstanceRef instance : event.instances() == null ? List.<InstanceRef>of() : event.instances()) {
            instances.putIfAbsent(instance.instanceId(), nameOf(instance.instanceId(), instance.name()));
        }
        String[] periodTypes = event.periodTypes() == null ? new String[0]
                : event.periodTypes().stream().map(Codes::of).toArray(String[]::new);
        execute(STARTED, event.runId(), event.requestId(), Codes.of(SyncTypes.of(event.trigger())), event.requestedBy(),
                Codes.of(event.mode()), new SqlArray("text", periodTypes), json.write(event.periods()), event.from(),
                event.to(), event.force(), event.startedAt(), instances.size());
        if (!instances.isEmpty()) {
            execute(STARTED_RECORDS, event.runId(), new SqlArray("bigint", instances.keySet().toArray()),
                    new SqlArray("text", instances.values().toArray()));
        }
    }

    /** The request was refused before it ran. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRejected(AggregationRejected event) {
        execute(REJECTED, event.runId(), event.requestId(), Codes.of(SyncTypes.ofCode(event.trigger())),
                event.requestedBy(), event.reason(), event.rejectedAt());
    }

    /** One instance's work ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordInstanceOutcome(UUID runId, String requestId, InstanceOutcomeFact fact) {
        execute(HEARD_FROM, runId, requestId);
        execute(INSTANCE_OUTCOME, runId, fact.instanceId(), nameOf(fact.instanceId(), fact.instanceName()),
                Codes.of(fact.status()), fact.startedAt(), fact.completedAt(), fact.itemsSynced(), fact.errorMessage(),
                json.write(fact.syncDetails()));
    }

    /** Every work item of the run has ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFinished(AggregationFinished event) {
        execute(FINISHED, event.runId(), event.requestId(), Codes.of(event.outcome()), event.finishedAt(),
                event.totalInstances());
    }

    /** Locks a session for an operator's action; empty when it does not exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Locked> lock(UUID sessionId) {
        return jdbc.first(LOCK, List.of(sessionId), rs -> new Locked(Codes.parse(SessionStatus.class,
                rs.getString("status")), rs.getString("request_id"), rs.getString("cancel_requested_by"),
                Rows.instant(rs, "cancel_requested_at")));
    }

    /** An admin asked to cancel the run. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordCancelRequest(UUID sessionId, String requestedBy, String reason) {
        execute(CANCEL, requestedBy, reason, sessionId);
    }

    /** An event that names no instance still gets a readable record. */
    private static String nameOf(long instanceId, String name) {
        return name == null || name.isBlank() ? "#" + instanceId : name;
    }

    private void execute(String sql, Object... parameters) {
        jdbc.update(sql, Arrays.asList(parameters));
    }
}
