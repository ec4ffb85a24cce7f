package io.whalefall.query.aggregation;

import java.time.LocalDate;

/**
 * The answer to a manual "aggregate the current period" request (WhaleFall's {@code data.result}).
 *
 * @param status              queued: the run is asynchronous
 * @param message             what happens next
 * @param requestId           the request's idempotency key
 * @param periodType          the period type aggregated
 * @param periodStart         first day of the current period
 * @param periodEnd           last day of the current period
 * @param scope               all, instance or database
 * @param requestedPeriodType the period type asked for
 * @param effectivePeriodType the period type aggregated (the same: nothing is clamped)
 * @param instanceSummary     the instances in scope
 * @param databaseSummary     the databases in scope
 * @param session             the session to follow
 */
public record CurrentAggregationResult(
        String status,
        String message,
        String requestId,
        String periodType,
        LocalDate periodStart,
        LocalDate periodEnd,
        String scope,
        String requestedPeriodType,
        String effectivePeriodType,
        ScopeSummary.Instances instanceSummary,
        ScopeSummary.Databases databaseSummary,
        SessionRef session) {
}
