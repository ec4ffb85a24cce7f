package io.whalefall.query.session;

import io.whalefall.platform.sql.Where;

import java.time.Instant;

/**
 * Validated filters of the session list.
 *
 * @param status   only sessions in this status
 * @param syncType only sessions of this type
 * @param from     sessions started (or, before starting, last updated) at or after this instant
 * @param until    ... before this instant
 */
public record SessionFilter(String status, String syncType, Instant from, Instant until) {

    /** Conditions on {@code sync_session s}. */
    public Where where() {
        Where where = new Where();
        if (status != null) {
            where.and("s.status = ?", status);
        }
        if (syncType != null) {
            where.and("s.sync_type = ?", syncType);
        }
        if (from != null) {
            where.and("s.listed_at >= ?", from);
        }
        if (until != null) {
            where.and("s.listed_at < ?", until);
        }
        return where;
    }
}
