package io.whalefall.aggregation.instance;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;

/**
 * Per-instance transaction locks that order daily-state updates against aggregations of the same
 * instance. Samples take the lock shared (batches for one instance still run side by side); a work item
 * takes it exclusive. So an aggregation either sees a batch's samples, or the batch, committing after
 * it, finds the freshly computed periods and marks them stale. Never both missed.
 */
@ApplicationScoped
public class InstanceLocks {

    /** First key of our advisory locks: keeps them apart from Flyway's and anyone else's. */
    private static final int NAMESPACE = 0x5746; // "WF"
    private static final String SHARED = """
            SELECT pg_advisory_xact_lock_shared(?, (id % 2147483647)::int) FROM unnest(?::bigint[]) AS id ORDER BY id
            """;
    private static final String EXCLUSIVE = "SELECT pg_advisory_xact_lock(?, (?::bigint % 2147483647)::int)";

    private final Jdbc jdbc;

    public InstanceLocks(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the locks of {@code instanceIds} shared, in ascending order (no deadlocks). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockShared(Collection<Long> instanceIds) {
        jdbc.execute(SHARED, List.of(NAMESPACE, new SqlArray("bigint", instanceIds.toArray(Long[]::new))));
    }

    /** Takes the lock of {@code instanceId} exclusively, waiting for ingestion and other runs to finish. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockExclusive(long instanceId) {
        jdbc.execute(EXCLUSIVE, List.of(NAMESPACE, instanceId));
    }
}
