package io.whalefall.sessions.store;

import io.whalefall.platform.api.Page;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.sessions.state.Codes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The API's reads: sessions newest first with filters, one session, and its records. */
@ApplicationScoped
public class SessionQueries {

    private static final String BY_ID = "SELECT " + SessionRows.SESSION_COLUMNS
            + " FROM sync_session s WHERE s.session_id = ?";

    private final Jdbc jdbc;
    private final SessionRows rows;

    public SessionQueries(Jdbc jdbc, SessionRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** One page of the sessions matching the filter, newest first, and how many match in all. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SyncSession> list(SessionFilter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        long total = jdbc.count("SELECT count(*) FROM sync_session s" + where, parameters);
        List<SyncSession> items = new ArrayList<>(filter.limit());
        if (filter.offset() < total) {
            parameters.add(filter.limit());
            parameters.add(filter.offset());
            items.addAll(jdbc.list("SELECT " + SessionRows.SESSION_COLUMNS + " FROM sync_session s" + where
                    + " ORDER BY s.listed_at DESC, s.session_id LIMIT ? OFFSET ?", parameters, rows::session));
        }
        return Page.of(items, total, filter.page(), filter.limit());
    }

    /** The session, if it exists. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SyncSession> find(UUID sessionId) {
        return jdbc.first(BY_ID, List.of(sessionId), rows::session);
    }

    /** The session's records with their periods, by instance name; only the failed ones when {@code failedOnly}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RecordDetail> records(UUID sessionId, boolean failedOnly) {
        return rows.recordDetails(sessionId, failedOnly);
    }

    private static String where(SessionFilter filter, List<Object> parameters) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.status() != null) {
            where.append(" AND s.status = ?");
            parameters.add(Codes.of(filter.status()));
        }
        if (filter.syncType() != null) {
            where.append(" AND s.sync_type = ?");
            parameters.add(Codes.of(filter.syncType()));
        }
        if (filter.syncCategory() != null) {
            where.append(" AND s.sync_category = ?");
            parameters.add(filter.syncCategory());
        }
        if (filter.from() != null) {
            where.append(" AND s.listed_at >= ?");
            parameters.add(filter.from());
        }
        if (filter.until() != null) {
            where.append(" AND s.listed_at < ?");
            parameters.add(filter.until());
        }
        return where.toString();
    }
}
