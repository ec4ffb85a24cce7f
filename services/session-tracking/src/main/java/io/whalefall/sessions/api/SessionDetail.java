package io.whalefall.sessions.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.whalefall.sessions.store.RecordDetail;
import io.whalefall.sessions.store.SyncSession;

import java.util.List;

/**
 * A session with its records, as {@code GET /api/v1/sync-sessions/{id}} shows it.
 *
 * @param session the session's fields, inline
 * @param records one per instance, by instance name
 */
public record SessionDetail(@JsonUnwrapped SyncSession session, List<RecordDetail> records) {
}
