package io.whalefall.contracts.metrics;

import io.whalefall.contracts.MessageType;

import java.util.UUID;

/**
 * The partitions metric events travel in. A series always falls in the same partition (by its series id),
 * and every {@code MetricPointsIngested} event holds the points of one partition only, published with
 * routing key {@code metrics.ingested.<partition>}. A consumer that folds points in order per series
 * (lateness is judged against each series' watermark) then needs order only within a partition, and can
 * apply the partitions side by side: one queue per partition, each with a single active consumer. The
 * {@code MetricWindowsUpdated} events that a partition's batches cause are published with routing key
 * {@code metrics.windows-updated.<partition>}, so that their reader can tell a collector's consecutive
 * batches (the same series) apart from the other partitions' without decoding them.
 *
 * <p>The count is part of the contract: publisher and consumers must agree on it, and changing it moves
 * series between partitions (drain the queues first).
 */
public final class MetricPartitions {

    /** How many partitions there are; 4 lets two cores overlap one batch's SQL with another's merging. */
    public static final int COUNT = 4;

    private MetricPartitions() {
    }

    /** The partition of a series: its id's hash modulo {@link #COUNT} (stable: {@link UUID#hashCode()} is specified). */
    public static int of(UUID seriesId) {
        return Math.floorMod(seriesId.hashCode(), COUNT);
    }

    /**
     * The routing key of {@code type}'s events of {@code partition}: the type's routing key and the
     * partition, e.g. {@code metrics.ingested.3}.
     */
    public static String routingKey(MessageType type, int partition) {
        if (partition < 0 || partition >= COUNT) {
            throw new IllegalArgumentException("partition must be within 0.." + (COUNT - 1) + ", got " + partition);
        }
        return type.routingKey() + "." + partition;
    }
}
