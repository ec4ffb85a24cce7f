package io.whalefall.sessions.store;

import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.session.SessionRecord;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.sessions.state.Codes;
import io.whalefall.sessions.state.RecordCounts;
import io.whalefall.sessions.state.SessionDerivation;
import io.whalefall.sessions.state.SessionFacts;
import io.whalefall.sessions.state.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the facts sessions are derived from and stores their derived state, for any number of sessions
 * in one statement each: the facts with the record counts (SQL count by status), then one batch update.
 */
@ApplicationScoped
public class SessionStateStore {

    private static final String FACTS = """
            SELECT s.session_id, s.run_started_at, s.expected_instances, s.finished_outcome, s.finished_at, s.finished_instances,
                   s.rejected_reason, s.rejected_at, s.cancel_requested_by, s.cancel_reason, s.stalled_at, s.stall_reason,
                   count(r.instance_id) AS total,
                   count(*) FILTER (WHERE r.status = 'completed') AS completed,
                   count(*) FILTER (WHERE r.status = 'failed') AS failed,
                   count(*) FILTER (WHERE r.status = 'skipped') AS skipped,
                   min(r.started_at) AS first_started_at,
                   max(r.completed_at) AS last_completed_at,
                   (array_agg(r.instance_name ORDER BY r.instance_name, r.instance_id)
                       FILTER (WHERE r.status = 'failed'))[1:?] AS failed_names
            FROM sync_session s LEFT JOIN sync_session_record r USING (session_id)
            WHERE s.session_id = ANY(?)
            GROUP BY s.session_id
            """;
    private static final String SAVE = """
            UPDATE sync_session s SET status = d.status, started_at = d.started_at, completed_at = d.completed_at,
                total_instances = d.total, successful_instances = d.successful, failed_instances = d.failed,
                skipped_instances = d.skipped, progress = d.progress, error_message = d.error_message,
                sequence = s.sequence + 1, updated_at = now()
            FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::integer[], ?::integer[],
                        ?::integer[], ?::integer[], ?::integer[], ?::text[])
                AS d(session_id, status, started_at, completed_at, total, successful, failed, skipped, progress,
                     error_message)
            WHERE s.session_id = d.session_id
            RETURNING\s""" + SessionRows.SESSION_COLUMNS;

    private final Jdbc jdbc;
    private final SessionRows rows;

    public SessionStateStore(Jdbc jdbc, SessionRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** The facts of the existing sessions among {@code sessionIds}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SessionFacts> facts(Collection<UUID> sessionIds) {
        return jdbc.list(FACTS, List.of(SessionDerivation.NAMED_FAILURES, new SqlArray("uuid", sessionIds.toArray())),
                SessionStateStore::facts);
    }

    /** Stores derived states, counting one more change for each session; returns the sessions as stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SyncSession> save(Map<UUID, SessionState> states) {
        int n = states.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        String[] startedAt = new String[n];
        String[] completedAt = new String[n];
        Integer[] totals = new Integer[n];
        Integer[] successful = new Integer[n];
        Integer[] failed = new Integer[n];
        Integer[] skipped = new Integer[n];
        Integer[] progress = new Integer[n];
        String[] errors = new String[n];
        int i = 0;
        for (Map.Entry<UUID, SessionState> entry : states.entrySet()) {
            SessionState state = entry.getValue();
            ids[i] = entry.getKey();
            statuses[i] = Codes.of(state.status());
            startedAt[i] = SqlArray.text(state.startedAt());
            completedAt[i] = SqlArray.text(state.completedAt());
            totals[i] = state.totalInstances();
            successful[i] = state.successfulInstances();
            failed[i] = state.failedInstances();
            skipped[i] = state.skippedInstances();
            progress[i] = state.progress();
            errors[i] = state.errorMessage();
            i++;
        }
        return jdbc.list(SAVE, List.of(new SqlArray("uuid", ids), new SqlArray("text", statuses),
                new SqlArray("text", startedAt), new SqlArray("text", completedAt), new SqlArray("integer", totals),
                new SqlArray("integer", successful), new SqlArray("integer", failed), new SqlArray("integer", skipped),
                new SqlArray("integer", progress), new SqlArray("text", errors)), rows::session);
    }

    /** The records of the sessions as their snapshots carry them (period counts, not periods), by session. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, List<SessionRecord>> records(Collection<UUID> sessionIds) {
        return rows.records(sessionIds);
    }

    private static SessionFacts facts(ResultSet rs) throws SQLException {
        RecordCounts records = new RecordCounts(rs.getInt("total"), rs.getInt("completed"), rs.getInt("failed"),
                rs.getInt("skipped"), Rows.instant(rs, "first_started_at"), Rows.instant(rs, "last_completed_at"),
                names(rs.getArray("failed_names")));
        return new SessionFacts(rs.getObject("session_id", UUID.class), Rows.instant(rs, "run_started_at"),
                Rows.nullableInt(rs, "expected_instances"), Codes.parse(RunOutcome.class, rs.getString("finished_outcome")),
                Rows.instant(rs, "finished_at"), Rows.nullableInt(rs, "finished_instances"), rs.getString("rejected_reason"), Rows.instant(rs, "rejected_at"),
                rs.getString("cancel_requested_by"), rs.getString("cancel_reason"), Rows.instant(rs, "stalled_at"),
                rs.getString("stall_reason"), records);
    }

    private static List<String> names(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
