package io.whalefall.query.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.contracts.session.SessionRecord;
import io.whalefall.platform.api.Page;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.Where;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the sync-session read model. */
@ApplicationScoped
public class SessionQueries {

    private static final String COLUMNS = """
            s.session_id, s.request_id, s.sync_type, s.sync_category, s.status, s.created_by, s.started_at,
            s.completed_at, s.total_instances, s.successful_instances, s.failed_instances, s.skipped_instances,
            s.progress, s.period_types, s.error_message, s.sequence, s.updated_at
            """;
    private static final TypeReference<List<SessionRecord>> RECORDS = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper mapper;

    public SessionQueries(Jdbc jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** A page of sessions, most recent first, without their records. */
    public Page<SessionView> page(SessionFilter filter, int page, int limit) {
        Where where = filter.where();
        long offset = (long) (page - 1) * limit;
        List<SessionView> items = jdbc.list("SELECT " + COLUMNS + " FROM sync_session s" + where.sql()
                        + " ORDER BY s.listed_at DESC NULLS LAST, s.session_id LIMIT ? OFFSET ?",
                where.parametersAnd(limit, offset), rs -> map(rs, null));
        long total = offset == 0 && items.size() < limit ? items.size()
                : jdbc.count("SELECT count(*) FROM sync_session s" + where.sql(), where.parameters());
        return Page.of(items, total, page, limit);
    }

    /** The session's latest snapshot with its records, if the read model has one. */
    public Optional<SessionView> find(UUID sessionId) {
        return jdbc.first("SELECT " + COLUMNS + ", s.records::text AS records FROM sync_session s WHERE s.session_id = ?",
                List.of(sessionId), rs -> map(rs, records(rs.getString("records"))));
    }

    /** Whether the session belongs to an aggregation requested through this API. */
    public boolean requestedHere(UUID sessionId) {
        return jdbc.count("SELECT count(*) FROM aggregation_request WHERE session_id = ?", List.of(sessionId)) > 0;
    }

    private static SessionView map(ResultSet rs, List<SessionRecord> records) throws SQLException {
        Array types = rs.getArray("period_types");
        return new SessionView(rs.getObject("session_id", UUID.class), rs.getString("request_id"),
                rs.getString("sync_type"), rs.getString("sync_category"), rs.getString("status"),
                rs.getString("created_by"), Rows.instant(rs, "started_at"), Rows.instant(rs, "completed_at"),
                rs.getInt("total_instances"), rs.getInt("successful_instances"), rs.getInt("failed_instances"),
                rs.getInt("skipped_instances"), rs.getInt("progress"),
                types == null ? List.of() : Arrays.asList((String[]) types.getArray()), rs.getString("error_message"),
                rs.getLong("sequence"), Rows.instant(rs, "updated_at"), records);
    }

    private List<SessionRecord> records(String json) {
        try {
            return mapper.readValue(json, RECORDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored session records are not readable", e);
        }
    }
}
