package io.whalefall.sessions.store;

import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.session.SessionRecord;
import io.whalefall.sessions.state.Codes;
import io.whalefall.sessions.state.RecordCounts;
import io.whalefall.sessions.state.SessionDerivation;
import io.whalefall.sessions.state.SessionFacts;
import io.whalefall.sessions.state.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    private final AgroalDataSource dataSource;
    private final SessionRows rows;

    public SessionStateStore(AgroalDataSource dataSource, SessionRows rows) {
        this.dataSource = dataSource;
        this.rows = rows;
    }

    /** The facts of the existing sessions among {@code sessionIds}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SessionFacts> facts(Collection<UUID> sessionIds) {
        List<SessionFacts> facts = new ArrayList<>(sessionIds.size());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FACTS)) {
            select.setInt(1, SessionDerivation.NAMED_FAILURES);
            select.setArray(2, connection.createArrayOf("uuid", sessionIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    facts.add(facts(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the facts of sessions " + sessionIds, e);
        }
        return facts;
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
            startedAt[i] = Sql.text(state.startedAt());
            completedAt[i] = Sql.text(state.completedAt());
            totals[i] = state.totalInstances();
            successful[i] = state.successfulInstances();
            failed[i] = state.failedInstances();
            skipped[i] = state.skippedInstances();
            progress[i] = state.progress();
            errors[i] = state.errorMessage();
            i++;
        }
        List<SyncSession> saved = new ArrayList<>(n);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(SAVE)) {
            update.setArray(1, connection.createArrayOf("uuid", ids));
            update.setArray(2, connection.createArrayOf("text", statuses));
            update.setArray(3, connection.createArrayOf("text", startedAt));
            update.setArray(4, connection.createArrayOf("text", completedAt));
            update.setArray(5, connection.createArrayOf("integer", totals));
            update.setArray(6, connection.createArrayOf("integer", successful));
            update.setArray(7, connection.createArrayOf("integer", failed));
            update.setArray(8, connection.createArrayOf("integer", skipped));
            update.setArray(9, connection.createArrayOf("integer", progress));
            update.setArray(10, connection.createArrayOf("text", errors));
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    saved.add(rows.session(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the state of sessions " + states.keySet(), e);
        }
        return saved;
    }

    /** The records of the sessions as their snapshots carry them (period counts, not periods), by session. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, List<SessionRecord>> records(Collection<UUID> sessionIds) {
        try (Connection connection = dataSource.getConnection()) {
            return rows.records(connection, sessionIds);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the records of sessions " + sessionIds, e);
        }
    }

    private static SessionFacts facts(ResultSet rs) throws SQLException {
        RecordCounts records = new RecordCounts(rs.getInt("total"), rs.getInt("completed"), rs.getInt("failed"),
                rs.getInt("skipped"), Sql.instant(rs, "first_started_at"), Sql.instant(rs, "last_completed_at"),
                names(rs.getArray("failed_names")));
        return new SessionFacts(rs.getObject("session_id", UUID.class), Sql.instant(rs, "run_started_at"),
                Sql.nullableInt(rs, "expected_instances"), Codes.parse(RunOutcome.class, rs.getString("finished_outcome")),
                Sql.instant(rs, "finished_at"), Sql.nullableInt(rs, "finished_instances"), rs.getString("rejected_reason"), Sql.instant(rs, "rejected_at"),
                rs.getString("cancel_requested_by"), rs.getString("cancel_reason"), Sql.instant(rs, "stalled_at"),
                rs.getString("stall_reason"), records);
    }

    private static List<String> names(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
