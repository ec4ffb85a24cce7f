package io.whalefall.query.capacity;

import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.platform.sql.Where;

import java.time.LocalDate;
import java.util.List;

/**
 * The validated filters shared by the capacity lists, summaries and trends.
 *
 * @param instanceId   only this instance
 * @param dbTypes      only instances of these DBMS types (any of them)
 * @param databaseName only this database (exact name)
 * @param periodType   only this period type
 * @param startDate    periods starting on or after this day
 * @param endDate      periods ending on or before this day
 */
public record CapacityFilter(Long instanceId, List<String> dbTypes, String databaseName, PeriodType periodType,
        LocalDate startDate, LocalDate endDate) {

    /** The same filters with another period type. */
    public CapacityFilter withPeriodType(PeriodType type) {
        return new CapacityFilter(instanceId, dbTypes, databaseName, type, startDate, endDate);
    }

    /** Conditions on {@code database_period} rows aliased {@code alias}. */
    public Where forDatabases(String alias) {
        Where where = common(alias);
        if (databaseName != null) {
            where.and(alias + ".database_name = ?", databaseName);
        }
        return where;
    }

    /**
     * Conditions on {@code instance_period} rows aliased {@code alias}; a database name keeps the instances
     * that have hosted a database of that name (the catalog remembers every database ever aggregated).
     */
    public Where forInstances(String alias) {
        Where where = common(alias);
        if (databaseName != null) {
            where.and("EXISTS (SELECT 1 FROM database_catalog c WHERE c.instance_id = " + alias
                    + ".instance_id AND c.database_name = ?)", databaseName);
        }
        return where;
    }

    private Where common(String alias) {
        Where where = new Where();
        if (instanceId != null) {
            where.and(alias + ".instance_id = ?", instanceId);
        }
        if (!dbTypes.isEmpty()) {
            // resolved through the small instance table, so the aggregate indexes still drive the scan
            where.and(alias + ".instance_id IN (SELECT i.instance_id FROM instance i WHERE i.db_type = ANY(?))",
                    SqlArray.texts(dbTypes));
        }
        if (periodType != null) {
            where.and(alias + ".period_type = ?", periodType.code());
        }
        if (startDate != null) {
            where.and(alias + ".period_start >= ?", startDate);
        }
        if (endDate != null) {
            where.and(alias + ".period_end <= ?", endDate);
        }
        return where;
    }
}
