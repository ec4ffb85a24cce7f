package io.whalefall.aggregation.metrics;

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
 * taken in ascending key order, so two batches can never wait for each other. Keys are 32-bit hashes of
 * the series id: two series sharing a key merely queue, which costs nothing in correctness.
 */
@ApplicationScoped
public class SeriesLocks {

    /** First key of these advisory locks: apart from the instance locks ("WF") and partition locks ("WP"). */
    private static final int NAMESPACE = 0x574D; // "WM"
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
        Integer[] keys = seriesIds.stream().map(UUID::hashCode).toArray(Integer[]::new);
        jdbc.execute(LOCK, List.of(NAMESPACE, new SqlArray("int4", keys)));
    }
}
