package io.whalefall.query.aggregation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer to a backfill request.
 *
 * @param status          queued: the run is asynchronous
 * @param message         what happens next
 * @param requestId       the request's idempotency key
 * @param mode            range
 * @param periodTypes     the period types computed
 * @param from            first day
 * @param to              last day
 * @param days            days in the range
 * @param force           whether aggregated periods are recomputed
 * @param scope           all, instance or database
 * @param periods         per period type, the periods overlapping the range
 * @param instanceSummary the instances in scope
 * @param databaseSummary the databases in scope
 * @param session         the session to follow
 */
public record BackfillResult(
        String status,
        String message,
        String requestId,
        String mode,
        List<String> periodTypes,
        LocalDate from,
        LocalDate to,
        long days,
        boolean force,
        String scope,
        Map<String, Integer> periods,
        ScopeSummary.Instances instanceSummary,
        ScopeSummary.Databases databaseSummary,
        SessionRef session) {
}
