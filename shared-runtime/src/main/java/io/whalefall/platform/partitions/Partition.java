package io.whalefall.platform.partitions;

import java.time.Instant;

/**
 * One partition of a range-partitioned table: its table name and the range of the partition key it
 * holds, {@code [from, to)}.
 *
 * @param name the partition's table name
 * @param from first instant it holds
 * @param to   first instant it no longer holds
 */
public record Partition(String name, Instant from, Instant to) {

    /** Whether every instant it can hold lies before {@code cutoff}, so dropping it loses nothing newer. */
    public boolean isEntirelyBefore(Instant cutoff) {
        return !to.isAfter(cutoff);
    }

    /** Whether {@code instant} falls in this partition. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
