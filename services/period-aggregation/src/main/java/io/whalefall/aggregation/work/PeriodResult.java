package io.whalefall.aggregation.work;

import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.InstancePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodRef;

import java.util.List;

/**
 * One period as a work item computed it.
 *
 * @param period    the period
 * @param revision  the revision written
 * @param instance  the instance-level row, null when the period had no data
 * @param databases the database-level rows
 */
record PeriodResult(PeriodRef period, int revision, InstancePeriodAggregate instance,
        List<DatabasePeriodAggregate> databases) {
}
