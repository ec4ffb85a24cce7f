package io.whalefall.sessions.store;

import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.contracts.session.SyncType;

import java.time.Instant;

/**
 * Which sessions a list shows, and which page of them.
 *
 * @param status       only this status, or null
 * @param syncType     only this sync type, or null
 * @param syncCategory only this category, or null
 * @param from         only sessions listed at or after this instant, or null
 * @param until        only sessions listed before this instant, or null
 * @param page         the page, from 1
 * @param limit        rows per page
 */
public record SessionFilter(SessionStatus status, SyncType syncType, String syncCategory, Instant from, Instant until,
        int page, int limit) {

    /** Rows before the page. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}
