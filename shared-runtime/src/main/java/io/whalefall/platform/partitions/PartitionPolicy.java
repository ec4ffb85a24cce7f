package io.whalefall.platform.partitions;

import java.time.Duration;
import java.time.Instant;

/**
 * How a service keeps one partitioned table: partitions exist from the retention horizon to
 * {@code aheadUnits} partitions past now, and a partition is dropped once everything it can hold is older
 * than the retention. Retention is thereby enforced a whole partition at a time, never row by row.
 *
 * @param table      the table
 * @param retention  how long rows are kept
 * @param aheadUnits how many partitions past the current one are created in advance (at least 1)
 */
public record PartitionPolicy(PartitionedTable table, Duration retention, int aheadUnits) {

    public PartitionPolicy {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention of " + table.name() + " must be positive");
        }
        if (aheadUnits < 1) {
            throw new IllegalArgumentException("at least one partition ahead is needed for " + table.name());
        }
    }

    /** Rows older than this are due for deletion at {@code now}. */
    public Instant cutoff(Instant now) {
        return now.minus(retention);
    }

    /** The first instant that must be storable at {@code now}. */
    public Instant ensureFrom(Instant now) {
        return cutoff(now);
    }

    /** The last instant that must be storable at {@code now}: a margin for clock skew and for missed runs. */
    public Instant ensureTo(Instant now) {
        return table.granularity().plus(now, aheadUnits);
    }

    /** Whether a row keyed {@code key} lies in a partition that is due for dropping at {@code now}. */
    public boolean isExpired(Instant key, Instant now) {
        // the partition's end, without formatting its name: this runs for every point of every batch
        return !table.endOfPartitionHolding(key).isAfter(cutoff(now));
    }
}
