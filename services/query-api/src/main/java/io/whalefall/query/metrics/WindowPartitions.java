package io.whalefall.query.metrics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.whalefall.platform.partitions.PartitionManager;
import io.whalefall.platform.partitions.PartitionPolicy;
import io.whalefall.platform.partitions.PartitionedTable;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.windows.Resolution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the window tables' time partitions and with them the retention, a whole partition at a time: at
 * start-up and then periodically it creates each resolution's partitions from its retention horizon to a
 * few ahead, drops those entirely older than the retention, and forgets series with no window left.
 * Before the projection writes, it makes sure the partitions of the incoming windows exist (an event may
 * come before the upkeep that would have created them), asking the database only about partitions this
 * replica has not seen yet.
 */
@ApplicationScoped
public class WindowPartitions {

    private static final Logger LOG = Logger.getLogger(WindowPartitions.class);
    private static final String FORGET_SERIES = "DELETE FROM metric_series WHERE last_window_start < ?";

    private final PartitionManager partitions;
    private final Jdbc jdbc;
    private final ResolutionLimits limits;
    private final Clock clock;
    private final Map<Resolution, PartitionPolicy> policies = new EnumMap<>(Resolution.class);
    /** Names of the partitions known to exist. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public WindowPartitions(PartitionManager partitions, Jdbc jdbc, ResolutionLimits limits, MetricWindowsConfig config,
            Clock clock) {
        this.partitions = partitions;
        this.jdbc = jdbc;
        this.limits = limits;
        this.clock = clock;
        for (Resolution resolution : Resolution.values()) {
            policies.put(resolution, new PartitionPolicy(WindowTables.of(resolution), limits.retention(resolution),
                    config.partitions().ahead()));
        }
    }

    void onStart(@Observes StartupEvent event) {
        maintainSafely();
    }

    @Scheduled(identity = "query-metric-window-partitions", every = "${whalefall.metrics.partitions.interval:1h}",
            delayed = "${whalefall.metrics.partitions.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        maintainSafely();
    }

    /** Creates the partitions of {@code resolution} needed at {@code now} and drops its expired ones. */
    public PartitionManager.Maintenance maintain(Resolution resolution, Instant now) {
        PartitionedTable table = WindowTables.of(resolution);
        try {
            return partitions.maintain(policies.get(resolution), now);
        } finally {
            known.removeIf(name -> table.partitionNamed(name).isPresent());
            partitions.list(table).forEach(partition -> known.add(partition.name()));
        }
    }

    /** Deletes the series none of whose windows can still be stored at {@code now}; returns how many. */
    public int forgetSeriesWithoutWindows(Instant now) {
        Instant cutoff = now.minus(limits.longestRetention());
        return QuarkusTransaction.requiringNew().call(() -> jdbc.update(FORGET_SERIES, List.of(cutoff)));
    }

    /** Whether a window of {@code resolution} starting at {@code start} lies in a partition due for dropping. */
    public boolean isExpired(Resolution resolution, Instant start, Instant now) {
        return policies.get(resolution).isExpired(start, now);
    }

    /**
     * Creates the partitions that windows of {@code resolution} starting at {@code starts} fall in, where not
     * known to exist. Each creation commits on its own: call this before the caller's transaction touches
     * the window tables, whose partition DDL needs them unlocked.
     */
    public void ensure(Resolution resolution, Collection<Instant> starts) {
        PartitionedTable table = WindowTables.of(resolution);
        // an event's windows share a few starts: look each distinct start up once
        starts.stream().distinct().map(table::partitionOf).distinct().filter(p -> !known.contains(p.name())).forEach(p -> {
            partitions.ensure(table, p.from(), p.from());
            known.add(p.name());
        });
    }

    /** Forgets which partitions exist, after a write found one missing (another replica dropped it). */
    public void forgetKnownPartitions() {
        known.clear();
    }

    private void maintainSafely() {
        Instant now = clock.instant();
        for (Resolution resolution : Resolution.values()) {
            try {
                maintain(resolution, now);
            } catch (RuntimeException e) {
                // the next run tries again; one table's trouble must not keep the others from their upkeep
                LOG.errorf(e, "Maintaining the partitions of %s failed", WindowTables.of(resolution).name());
            }
        }
        try {
            int forgotten = forgetSeriesWithoutWindows(now);
            if (forgotten > 0) {
                LOG.infof("Forgot %d metric series without windows within the retention", forgotten);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Forgetting expired metric series failed");
        }
    }
}
