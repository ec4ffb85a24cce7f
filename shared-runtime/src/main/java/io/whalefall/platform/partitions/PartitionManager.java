package io.whalefall.platform.partitions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.whalefall.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

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

    private final Jdbc jdbc;

    public PartitionManager(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the missing partitions that hold {@code from} to {@code to}; returns the names it created. */
    public List<String> ensure(PartitionedTable table, Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> {
            lock(table);
            Set<String> existing = children(table).stream().map(Partition::name).collect(Collectors.toSet());
            List<String> created = new ArrayList<>();
            for (Partition partition : table.partitionsCovering(from, to)) {
                if (!existing.contains(partition.name())) {
                    jdbc.execute("CREATE TABLE IF NOT EXISTS " + partition.name() + " PARTITION OF " + table.name()
                            + " FOR VALUES FROM ('" + partition.from() + "') TO ('" + partition.to() + "')"
                            + (table.fillfactor() < 100 ? " WITH (fillfactor = " + table.fillfactor() + ")" : ""),
                            List.of());
                    created.add(partition.name());
                }
            }
            if (!created.isEmpty()) {
                LOG.infof("Created partitions %s of %s", created, table.name());
            }
            return created;
        });
    }

    /** The partitions of {@code table} that follow its naming scheme, oldest first. */
    public List<Partition> list(PartitionedTable table) {
        return children(table);
    }

    /** Drops every partition whose whole range lies before {@code cutoff}; returns the names it dropped. */
    public List<String> dropEntirelyBefore(PartitionedTable table, Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            lock(table);
            List<String> dropped = new ArrayList<>();
            for (Partition partition : children(table)) {
                if (partition.isEntirelyBefore(cutoff)) {
                    jdbc.execute("DROP TABLE IF EXISTS " + partition.name(), List.of());
                    dropped.add(partition.name());
                }
            }
            if (!dropped.isEmpty()) {
                LOG.infof("Dropped partitions %s of %s: everything in them is older than %s", dropped, table.name(),
                        cutoff);
            }
            return dropped;
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
     * {@link #maintain}, for scheduled upkeep: a failure is logged, not thrown, and the next run tries again
     * (until then, rows for a time without a partition fail to store).
     */
    public void maintainOrLog(PartitionPolicy policy, Instant now) {
        try {
            maintain(policy, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Maintaining the partitions of %s failed; the next run tries again", policy.table().name());
        }
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
    private void lock(PartitionedTable table) {
        jdbc.execute(LOCK, List.of(NAMESPACE, table.name()));
        jdbc.execute(LOCK_TIMEOUT, List.of());
    }

    private List<Partition> children(PartitionedTable table) {
        List<Partition> partitions = new ArrayList<>();
        jdbc.forEach(LIST, List.of(table.name()), rs -> table.partitionNamed(rs.getString(1)).ifPresent(partitions::add));
        partitions.sort(Comparator.comparing(Partition::from));
        return partitions;
    }
}
