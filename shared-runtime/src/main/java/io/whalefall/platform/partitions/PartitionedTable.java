package io.whalefall.platform.partitions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A table partitioned by range of a {@code timestamptz} column, in partitions of one granularity. This
 * is the pure arithmetic (names and ranges); {@link PartitionManager} applies it to the database.
 *
 * @param name        the partitioned (parent) table, a plain lower-case identifier in the current schema
 * @param granularity how much time one partition covers
 * @param fillfactor  how full (%) PostgreSQL packs the partitions' pages: below 100 for rows that are
 *                    rewritten often, so the new version fits on its page (a HOT update, no index entry)
 */
public record PartitionedTable(String name, PartitionGranularity granularity, int fillfactor) {

    /** Leaves room for the suffix within PostgreSQL's 63-character identifiers; no quoting ever needed. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,53}");

    public PartitionedTable {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case table name: " + name);
        }
        if (granularity == null) {
            throw new IllegalArgumentException("a partitioned table needs a granularity");
        }
        if (fillfactor < 10 || fillfactor > 100) {
            throw new IllegalArgumentException("fillfactor must be within 10..100, got " + fillfactor);
        }
    }

    /** A table whose partitions are packed full (rows are mostly written once). */
    public PartitionedTable(String name, PartitionGranularity granularity) {
        this(name, granularity, 100);
    }

    /** This table with partitions packed to {@code percent}. */
    public PartitionedTable withFillfactor(int percent) {
        return new PartitionedTable(name, granularity, percent);
    }

    /** The partition that holds {@code instant}. */
    public Partition partitionOf(Instant instant) {
        Instant from = granularity.floor(instant);
        return new Partition(name + "_" + granularity.suffix(from), from, endOfPartitionHolding(instant));
    }

    /** Where the partition that holds {@code instant} ends (exclusive), without naming it. */
    public Instant endOfPartitionHolding(Instant instant) {
        return granularity.plus(granularity.floor(instant), 1);
    }

    /**
     * The partitions, oldest first, that together hold every instant from {@code from} to {@code to}
     * inclusive; none when {@code from} is after {@code to}.
     */
    public List<Partition> partitionsCovering(Instant from, Instant to) {
        List<Partition> partitions = new ArrayList<>();
        if (from.isAfter(to)) {
            return partitions;
        }
        for (Instant start = granularity.floor(from); !start.isAfter(to); start = granularity.plus(start, 1)) {
            partitions.add(partitionOf(start));
        }
        return partitions;
    }

    /** The partition a child table of this name holds, when the name follows this table's naming scheme. */
    public Optional<Partition> partitionNamed(String childName) {
        String prefix = name + "_";
        if (childName == null || !childName.startsWith(prefix)) {
            return Optional.empty();
        }
        return granularity.parseSuffix(childName.substring(prefix.length())).map(this::partitionOf)
                .filter(partition -> partition.name().equals(childName));
    }
}
