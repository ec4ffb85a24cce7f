package io.whalefall.sessions.api;

import io.whalefall.sessions.store.RecordDetail;
import io.whalefall.sessions.store.SyncSession;

import java.util.List;

/**
 * The failures of a session, as {@code GET /api/v1/sync-sessions/{id}/error-logs} shows them.
 *
 * @param session      the session
 * @param errorCount   failed records
 * @param errorRecords the failed records, by instance name, each with its error message
 */
public record ErrorLogs(SyncSession session, int errorCount, List<RecordDetail> errorRecords) {
}
