package io.whalefall.aggregation.instance;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

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

    private final AgroalDataSource dataSource;

    public InstanceLocks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the locks of {@code instanceIds} shared, in ascending order (no deadlocks). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockShared(Collection<Long> instanceIds) {
        execute(SHARED, statement -> {
            statement.setInt(1, NAMESPACE);
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", instanceIds.toArray(Long[]::new)));
        });
    }

    /** Takes the lock of {@code instanceId} exclusively, waiting for ingestion and other runs to finish. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockExclusive(long instanceId) {
        execute(EXCLUSIVE, statement -> {
            statement.setInt(1, NAMESPACE);
            statement.setLong(2, instanceId);
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void execute(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take instance lock", e);
        }
    }
}
