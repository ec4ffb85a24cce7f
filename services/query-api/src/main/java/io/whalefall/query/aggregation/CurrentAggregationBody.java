package io.whalefall.query.aggregation;

import java.util.List;

/**
 * Body of {@code POST /api/v1/capacity/aggregations/current}; every field is optional.
 *
 * @param periodType   daily (default), weekly, monthly or quarterly
 * @param scope        all (default), instance or database
 * @param instanceIds  scope instance: the instances
 * @param instanceId   scope database: the database's instance (scope instance: accepted for a single instance)
 * @param databaseName scope database: the database
 */
public record CurrentAggregationBody(String periodType, String scope, List<Long> instanceIds, Long instanceId,
        String databaseName) {
}
