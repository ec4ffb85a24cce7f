package io.whalefall.query.aggregation;

import java.util.List;

/**
 * Body of {@code POST /api/v1/capacity/aggregations/backfill}.
 *
 * @param periodTypes  the period types to compute; empty or absent: all four
 * @param from         first day, YYYY-MM-DD (required)
 * @param to           last day, inclusive, YYYY-MM-DD (required)
 * @param scope        all (default), instance or database
 * @param instanceIds  scope instance: the instances
 * @param instanceId   scope database: the database's instance (scope instance: accepted for a single instance)
 * @param databaseName scope database: the database
 * @param force        recompute periods that are already aggregated (default false)
 */
public record BackfillBody(List<String> periodTypes, String from, String to, String scope, List<Long> instanceIds,
        Long instanceId, String databaseName, Boolean force) {
}
