package io.whalefall.aggregation.metrics;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.whalefall.platform.partitions.PartitionManager;
import io.whalefall.platform.partitions.PartitionPolicy;
import io.whalefall.windows.Resolution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Enforces the retention of window states and late points by whole partitions: at start-up and then
 * periodically, creates each table's partitions from its retention horizon to a few partitions ahead, and
 * drops those entirely older than the retention. Each table is maintained in transactions of its own.
 */
@ApplicationScoped
public class WindowPartitions {

    private static final Logger LOG = Logger.getLogger(WindowPartitions.class);

    private final PartitionManager partitions;
    private final Clock clock;
    private final List<PartitionPolicy> policies;

    public WindowPartitions(PartitionManager partitions, MetricsConfig config, Clock clock) {
        this.partitions = partitions;
        this.clock = clock;
        requireConsistent(config);
        MetricsConfig.Retention retention = config.retention();
        int ahead = config.partitions().ahead();
        this.policies = List.of(
                new PartitionPolicy(WindowTables.of(Resolution.MINUTE), retention.minute(), ahead),
                new PartitionPolicy(WindowTables.of(Resolution.HOUR), retention.hour(), ahead),
                new PartitionPolicy(WindowTables.of(Resolution.DAY), retention.day(), ahead),
                new PartitionPolicy(WindowTables.LATE_POINTS, retention.latePoints(), ahead));
    }

    void onStart(@Observes StartupEvent event) {
        maintainSafely();
    }

    @Scheduled(identity = "metric-window-partitions", every = "${whalefall.metrics.partitions.interval:1h}",
            delayed = "${whalefall.metrics.partitions.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        maintainSafely();
    }

    /** Creates the partitions needed at {@code now} and drops the expired ones, table by table. */
    public List<PartitionManager.Maintenance> maintain(Instant now) {
        return policies.stream().map(policy -> partitions.maintain(policy, now)).toList();
    }

    private void maintainSafely() {
        for (PartitionPolicy policy : policies) {
            try {
                partitions.maintain(policy, clock.instant());
            } catch (RuntimeException e) {
                // the next run tries again; one table's trouble must not keep the others from their upkeep
                LOG.errorf(e, "Maintaining the partitions of %s failed", policy.table().name());
            }
        }
    }

    /**
     * A point updates its minute, hour and day together, and the engine only checks that its minute is
     * still kept and not beyond the allowed clock skew (see {@link PointTriage}): the coarser levels must
     * be kept at least as long, and the partitions ahead must cover the skew.
     */
    private static void requireConsistent(MetricsConfig config) {
        Duration minute = config.retention().minute();
        Duration hour = config.retention().hour();
        Duration day = config.retention().day();
        if (hour.compareTo(minute) < 0 || day.compareTo(hour) < 0) {
            throw new IllegalStateException("whalefall.metrics.retention must keep coarser windows at least as long as "
                    + "finer ones (minute " + minute + " ≤ hour " + hour + " ≤ day " + day + ")");
        }
        if (config.partitions().ahead() < 2 || config.maxClockSkew().compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalStateException("whalefall.metrics.partitions.ahead must be at least 2 and "
                    + "whalefall.metrics.max-clock-skew at most 1d, so that every accepted point finds its partitions");
        }
    }
}
