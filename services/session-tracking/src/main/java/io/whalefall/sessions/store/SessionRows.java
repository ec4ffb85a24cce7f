package io.whalefall.sessions.store;

import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.session.RecordStatus;
import io.whalefall.contracts.session.SessionRecord;
import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.contracts.session.SyncType;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.sessions.state.Codes;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads sessions and records from result sets; the one place that knows their column lists. */
@ApplicationScoped
class SessionRows {

    /** The columns of a {@link SyncSession}, on a table aliased {@code s}. */
    static final String SESSION_COLUMNS = """
            s.session_id, s.request_id, s.sync_type, s.sync_category, s.status, s.created_by, s.mode, s.period_types,
            s.periods::text AS periods, s.range_from, s.range_to, s.force, s.started_at, s.completed_at,
            s.total_instances, s.successful_instances, s.failed_instances, s.skipped_instances, s.progress,
            s.error_message, s.cancel_requested_by, s.cancel_requested_at, s.sequence, s.created_at, s.updated_at
            """;
    private static final String RECORD_COLUMNS = """
            r.session_id, r.instance_id, r.instance_name, r.status, r.started_at, r.completed_at, r.items_synced,
            r.error_message, r.periods, r.periods_skipped
            """;
    /** The snapshot's records: their period counts are columns, so no record's details are read or parsed. */
    private static final String RECORDS = "SELECT " + RECORD_COLUMNS + """
            FROM sync_session_record r
            WHERE r.session_id = ANY(?)
            ORDER BY r.session_id, r.instance_name, r.instance_id
            """;
    private static final String RECORD_DETAILS = "SELECT " + RECORD_COLUMNS + """
                , r.sync_details::text AS sync_details
            FROM sync_session_record r
            WHERE r.session_id = ? AND (NOT ? OR r.status = 'failed')
            ORDER BY r.instance_name, r.instance_id
            """;

    private final Jdbc jdbc;
    private final JsonColumns json;

    SessionRows(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    SyncSession session(ResultSet rs) throws SQLException {
        return new SyncSession(rs.getObject("session_id", UUID.class), rs.getString("request_id"),
                Codes.parse(SyncType.class, rs.getString("sync_type")), rs.getString("sync_category"),
                Codes.parse(SessionStatus.class, rs.getString("status")), rs.getString("created_by"),
                rs.getString("mode"), periodTypes(rs.getArray("period_types")), json.periods(rs.getString("periods")),
                rs.getObject("range_from", LocalDate.class), rs.getObject("range_to", LocalDate.class),
                Rows.nullableBoolean(rs, "force"), Rows.instant(rs, "started_at"), Rows.instant(rs, "completed_at"),
                rs.getInt("total_instances"), rs.getInt("successful_instances"), rs.getInt("failed_instances"),
                rs.getInt("skipped_instances"), rs.getInt("progress"), rs.getString("error_message"),
                rs.getString("cancel_requested_by"), Rows.instant(rs, "cancel_requested_at"), rs.getLong("sequence"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    /** The records of the sessions as snapshots carry them, by session, each list ordered by instance name. */
    Map<UUID, List<SessionRecord>> records(Collection<UUID> sessionIds) {
        Map<UUID, List<SessionRecord>> records = new LinkedHashMap<>();
        jdbc.forEach(RECORDS, List.of(new SqlArray("uuid", sessionIds.toArray())), rs -> records.computeIfAbsent(
                rs.getObject("session_id", UUID.class), id -> new ArrayList<>()).add(record(rs)));
        return records;
    }

    /** The session's records with their per-period details, by instance name; only the failed ones when asked. */
    List<RecordDetail> recordDetails(UUID sessionId, boolean failedOnly) {
        return jdbc.list(RECORD_DETAILS, List.of(sessionId, failedOnly),
                rs -> new RecordDetail(record(rs), json.details(rs.getString("sync_details"))));
    }

    private static SessionRecord record(ResultSet rs) throws SQLException {
        return new SessionRecord(rs.getLong("instance_id"), rs.getString("instance_name"),
                Codes.parse(RecordStatus.class, rs.getString("status")), Rows.instant(rs, "started_at"),
                Rows.instant(rs, "completed_at"), rs.getInt("items_synced"), rs.getString("error_message"),
                rs.getInt("periods"), rs.getInt("periods_skipped"));
    }

    private static List<PeriodType> periodTypes(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray()).map(code -> Codes.parse(PeriodType.class, code)).toList();
    }
}
