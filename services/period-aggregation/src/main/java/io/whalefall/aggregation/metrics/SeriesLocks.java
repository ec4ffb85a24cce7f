package io.whalefall.aggregation.metrics;

import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Per-series transaction locks: batches touching the same series run one after the other (each reads,
 * merges and writes back the same window states), batches of disjoint series side by side. The locks are
 * taken in ascending key order, so two batches can never wait for each other. A key stands for a slot of
 * series ids ({@value #SLOTS} slots, by hash): a batch of 10,000 series must not take 10,000 entries of
 * PostgreSQL's shared lock table (64 per connection by default), and two series sharing a slot merely
 * queue, which costs nothing in correctness. The slot count is a multiple of the partition count
 * ({@link MetricPartitions}), so a series' slot falls in its partition: the partitions, applied side by
 * side (see MetricsConsumer), never wait for each other's locks.
 */
@ApplicationScoped
public class SeriesLocks {

    /** First key of these advisory locks: apart from the instance locks ("WF") and partition locks ("WP"). */
    private static final int NAMESPACE = 0x574D; // "WM"
    private static final int SLOTS = 64 * MetricPartitions.COUNT;
    private static final String LOCK = """
            SELECT pg_advisory_xact_lock(?, k) FROM (SELECT DISTINCT unnest(?::int[]) AS k) AS keys ORDER BY k
            """;

    private final Jdbc jdbc;

    public SeriesLocks(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the series until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Collection<UUID> seriesIds) {
        if (seriesIds.isEmpty()) {
            return;
        }
        Integer[] keys = seriesIds.stream().map(id -> Math.floorMod(id.hashCode(), SLOTS)).distinct()
                .toArray(Integer[]::new);
        jdbc.execute(LOCK, List.of(NAMESPACE, new SqlArray("int4", keys)));
    }
}
