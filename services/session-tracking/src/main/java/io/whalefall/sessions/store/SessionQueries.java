package io.whalefall.sessions.store;

import io.agroal.api.AgroalDataSource;
import io.whalefall.platform.api.Page;
import io.whalefall.sessions.state.Codes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The API's reads: sessions newest first with filters, one session, and its records. */
@ApplicationScoped
public class SessionQueries {

    private static final String BY_ID = "SELECT " + SessionRows.SESSION_COLUMNS
            + " FROM sync_session s WHERE s.session_id = ?";

    private final AgroalDataSource dataSource;
    private final SessionRows rows;

    public SessionQueries(AgroalDataSource dataSource, SessionRows rows) {
        this.dataSource = dataSource;
        this.rows = rows;
    }

    /** One page of the sessions matching the filter, newest first, and how many match in all. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SyncSession> list(SessionFilter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM sync_session s" + where)) {
                Sql.bind(count, parameters.toArray());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<SyncSession> items = new ArrayList<>(filter.limit());
            if (filter.offset() < total) {
                parameters.add(filter.limit());
                parameters.add(filter.offset());
                try (PreparedStatement page = connection.prepareStatement("SELECT " + SessionRows.SESSION_COLUMNS
                        + " FROM sync_session s" + where + " ORDER BY s.listed_at DESC, s.session_id LIMIT ? OFFSET ?")) {
                    Sql.bind(page, parameters.toArray());
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            items.add(rows.session(rs));
                        }
                    }
                }
            }
            return Page.of(items, total, filter.page(), filter.limit());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list sessions", e);
        }
    }

    /** The session, if it exists. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SyncSession> find(UUID sessionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(BY_ID)) {
            select.setObject(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rows.session(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read session " + sessionId, e);
        }
    }

    /** The session's records with their periods, by instance name; only the failed ones when {@code failedOnly}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RecordDetail> records(UUID sessionId, boolean failedOnly) {
        try (Connection connection = dataSource.getConnection()) {
            return rows.recordDetails(connection, sessionId, failedOnly);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the records of session " + sessionId, e);
        }
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
