package io.whalefall.sessions.store;

import io.whalefall.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
}
