package io.whalefall.aggregation.metrics;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.whalefall.platform.partitions.PartitionGranularity;
import io.whalefall.platform.partitions.PartitionManager;
import io.whalefall.platform.partitions.PartitionPolicy;
import io.whalefall.platform.partitions.PartitionedTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Enforces the retention of late points by whole partitions: at start-up and then periodically, creates
 * the partitions of {@code late_metric_point} from its retention horizon to a few partitions ahead, and
 * drops those entirely older than the retention.
 */
@ApplicationScoped
public class LatePointPartitions {

    /** Late points, by day of arrival. */
    static final PartitionedTable TABLE = new PartitionedTable("late_metric_point", PartitionGranularity.DAY);

    private final PartitionManager partitions;
    private final Clock clock;
    private final PartitionPolicy policy;

    public LatePointPartitions(PartitionManager partitions, MetricsConfig config, Clock clock) {
        this.partitions = partitions;
        this.clock = clock;
        requireConsistent(config);
        this.policy = new PartitionPolicy(TABLE, config.retention().latePoints(), config.partitions().ahead());
    }

    void onStart(@Observes StartupEvent event) {
        maintainSafely();
    }

    @Scheduled(identity = "late-point-partitions", every = "${whalefall.metrics.partitions.interval:1h}",
            delayed = "${whalefall.metrics.partitions.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        maintainSafely();
    }

    /** Creates the partitions needed at {@code now} and drops the expired ones. */
    public PartitionManager.Maintenance maintain(Instant now) {
        return partitions.maintain(policy, now);
    }

    private void maintainSafely() {
        partitions.maintainOrLog(policy, clock.instant());
    }

    /**
     * query-api keeps the windows of accepted points in time partitions that exist one or two days ahead,
     * so a point may not be accepted further ahead than that.
     */
    private static void requireConsistent(MetricsConfig config) {
        if (config.maxClockSkew().compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalStateException("whalefall.metrics.max-clock-skew must be at most 1d, so that every "
                    + "accepted point finds query-api's window partitions");
        }
    }
}
