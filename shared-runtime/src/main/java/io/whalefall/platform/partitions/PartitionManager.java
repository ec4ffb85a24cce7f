package io.whalefall.platform.partitions;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates and drops the time partitions of range-partitioned tables in the service's schema. Every call
 * runs in a transaction of its own that first takes a per-table advisory lock, so replicas doing the same
 * at the same moment queue up instead of racing on {@code CREATE TABLE IF NOT EXISTS} (which can still
 * fail when two sessions create the same table at once). Only children named by the table's naming scheme
 * are ever considered: a partition someone attached by hand is never dropped.
 *
 * <p>Creating or dropping a partition locks the parent table briefly. A lock timeout keeps a maintenance
 * call that waits behind a long transaction from stalling every writer queued behind it; it fails and
 * is tried again at the next run.
 */
@ApplicationScoped
public class PartitionManager {

    private static final Logger LOG = Logger.getLogger(PartitionManager.class);
    /** First key of the advisory locks: keeps them apart from other lock users. */
    private static final int NAMESPACE = 0x5750; // "WP"
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '10s'";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || '.' || ?))";
    private static final String LIST = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = to_regclass(?)
            """;

    private final AgroalDataSource dataSource;

    public PartitionManager(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the missing partitions that hold {@code from} to {@code to}; returns the names it created. */
    public List<String> ensure(PartitionedTable table, Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                lock(connection, table);
                Set<String> existing = children(connection, table).stream().map(Partition::name)
                        .collect(Collectors.toSet());
                List<String> created = new ArrayList<>();
                try (Statement ddl = connection.createStatement()) {
                    for (Partition partition : table.partitionsCovering(from, to)) {
                        if (!existing.contains(partition.name())) {
                            ddl.execute("CREATE TABLE IF NOT EXISTS " + partition.name() + " PARTITION OF " + table.name()
                                    + " FOR VALUES FROM ('" + partition.from() + "') TO ('" + partition.to() + "')");
                            created.add(partition.name());
                        }
                    }
                }
                if (!created.isEmpty()) {
                    LOG.infof("Created partitions %s of %s", created, table.name());
                }
                return created;
            }
        });
    }

    /** The partitions of {@code table} that follow its naming scheme, oldest first. */
    public List<Partition> list(PartitionedTable table) {
        try (Connection connection = dataSource.getConnection()) {
            return children(connection, table);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the partitions of " + table.name(), e);
        }
    }

    /** Drops every partition whose whole range lies before {@code cutoff}; returns the names it dropped. */
    public List<String> dropEntirelyBefore(PartitionedTable table, Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                lock(connection, table);
                List<String> dropped = new ArrayList<>();
                try (Statement ddl = connection.createStatement()) {
                    for (Partition partition : children(connection, table)) {
                        if (partition.isEntirelyBefore(cutoff)) {
                            ddl.execute("DROP TABLE IF EXISTS " + partition.name());
                            dropped.add(partition.name());
                        }
                    }
                }
                if (!dropped.isEmpty()) {
                    LOG.infof("Dropped partitions %s of %s: everything in them is older than %s", dropped, table.name(),
                            cutoff);
                }
                return dropped;
            }
        });
    }

    /**
     * Applies a policy at {@code now}: creates the partitions from the retention horizon to the partitions
     * ahead, then drops the expired ones. Each step commits on its own.
     */
    public Maintenance maintain(PartitionPolicy policy, Instant now) {
        List<String> created = ensure(policy.table(), policy.ensureFrom(now), policy.ensureTo(now));
        List<String> dropped = dropEntirelyBefore(policy.table(), policy.cutoff(now));
        return new Maintenance(policy.table().name(), created, dropped);
    }

    /**
     * What one maintenance of one table did.
     *
     * @param table   the table
     * @param created partitions created
     * @param dropped partitions dropped
     */
    public record Maintenance(String table, List<String> created, List<String> dropped) {
    }

    /** Waits for other maintainers of the table without limit, then bounds the wait for the table itself. */
    private static void lock(Connection connection, PartitionedTable table) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setInt(1, NAMESPACE);
            lock.setString(2, table.name());
            lock.executeQuery().close();
        }
        try (Statement timeout = connection.createStatement()) {
            timeout.execute(LOCK_TIMEOUT);
        }
    }

    private static List<Partition> children(Connection connection, PartitionedTable table) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement(LIST)) {
            list.setString(1, table.name());
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    table.partitionNamed(rs.getString(1)).ifPresent(partitions::add);
                }
            }
        }
        partitions.sort(Comparator.comparing(Partition::from));
        return partitions;
    }
}
