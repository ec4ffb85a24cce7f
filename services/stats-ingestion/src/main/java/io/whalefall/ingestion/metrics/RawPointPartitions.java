package io.whalefall.ingestion.metrics;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.whalefall.platform.partitions.PartitionGranularity;
import io.whalefall.platform.partitions.PartitionManager;
import io.whalefall.platform.partitions.PartitionPolicy;
import io.whalefall.platform.partitions.PartitionedTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;

/**
 * Keeps the daily partitions of {@code metric_point}: at start-up and then periodically, creates them
 * from the retention horizon to a few days ahead and drops those entirely older than the retention.
 */
@ApplicationScoped
public class RawPointPartitions {

    /** The raw points, one partition per UTC day of {@code ts}. */
    public static final PartitionedTable TABLE = new PartitionedTable("metric_point", PartitionGranularity.DAY);

    private final PartitionManager partitions;
    private final PartitionPolicy policy;

    public RawPointPartitions(PartitionManager partitions, MetricIngestionConfig config) {
        this.partitions = partitions;
        this.policy = new PartitionPolicy(TABLE, config.retention().raw(), config.partitions().ahead());
    }

    void onStart(@Observes StartupEvent event) {
        maintainSafely();
    }

    @Scheduled(identity = "metric-point-partitions", every = "${whalefall.metrics.partitions.interval:1h}",
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
        partitions.maintainOrLog(policy, Instant.now());
    }
}
