package io.whalefall.aggregation.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.AggregationTestResource;
import io.whalefall.platform.partitions.Partition;
import io.whalefall.platform.partitions.PartitionManager;
import io.whalefall.platform.partitions.PartitionedTable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Late points are kept 30 days, enforced by dropping whole daily partitions. */
@QuarkusTest
@AggregationTestResource
class LatePointPartitionsTest {

    private static final PartitionedTable TABLE = LatePointPartitions.TABLE;
    private static final Duration RETENTION = Duration.ofDays(30);

    @Inject
    LatePointPartitions latePointPartitions;

    @Inject
    PartitionManager partitions;

    @Test
    void partitionsExistFromTheRetentionHorizonToTwoDaysAhead() {
        Instant now = Instant.now();
        List<String> needed = TABLE.partitionsCovering(now.minus(RETENTION), TABLE.granularity().plus(now, 2))
                .stream().map(Partition::name).toList();
        assertThat(partitions.list(TABLE)).extracting(Partition::name).containsAll(needed);
    }

    @Test
    void retentionDropsOnlyThePartitionsEntirelyOlderThanTheCutoff() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(RETENTION);
        partitions.ensure(TABLE, TABLE.granularity().plus(cutoff, -3), cutoff);

        List<String> dropped = latePointPartitions.maintain(now).dropped();

        Partition straddling = TABLE.partitionOf(cutoff);
        assertThat(dropped).contains(TABLE.partitionOf(TABLE.granularity().plus(cutoff, -1)).name())
                .doesNotContain(straddling.name());
        assertThat(partitions.list(TABLE)).allSatisfy(partition -> assertThat(partition.to()).isAfter(cutoff))
                .extracting(Partition::name).contains(straddling.name());
    }
}
