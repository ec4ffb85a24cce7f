package io.whalefall.ingestion.metrics;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.ingestion.IngestionTestResource;
import io.whalefall.platform.partitions.Partition;
import io.whalefall.platform.partitions.PartitionManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.whalefall.ingestion.metrics.RawPointPartitions.TABLE;
import static org.assertj.core.api.Assertions.assertThat;

/** The daily partitions of the raw points: created ahead, dropped whole once expired (7 days by default). */
@QuarkusTest
@IngestionTestResource
class RawPointPartitionsTest {

    private static final Duration RETENTION = Duration.ofDays(7);

    @Inject
    RawPointPartitions rawPartitions;

    @Inject
    PartitionManager partitions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void partitionsExistFromTheRetentionHorizonToTwoDaysAhead() {
        Instant now = Instant.now();
        List<String> needed = TABLE.partitionsCovering(now.minus(RETENTION), now.plus(Duration.ofDays(2))).stream()
                .map(Partition::name).toList();
        assertThat(partitions.list(TABLE)).extracting(Partition::name).containsAll(needed);
        // maintaining again right away has nothing to do
        assertThat(rawPartitions.maintain(now).created()).isEmpty();
    }

    @Test
    void retentionDropsOnlyPartitionsEntirelyOlderThanTheCutoff() throws Exception {
        Instant now = Instant.now();
        Instant cutoff = now.minus(RETENTION);
        partitions.ensure(TABLE, now.minus(Duration.ofDays(12)), now);
        UUID series = UUID.randomUUID();
        Instant expired = cutoff.minus(Duration.ofDays(2));
        Instant keptAtTheEdge = TABLE.partitionOf(cutoff).from(); // in the partition that straddles the cutoff
        insert(series, expired);
        insert(series, keptAtTheEdge);
        Instant recent = now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        insert(series, recent);

        List<String> dropped = rawPartitions.maintain(now).dropped();

        assertThat(dropped)
                .contains(TABLE.partitionOf(expired).name(), TABLE.partitionOf(cutoff.minus(Duration.ofDays(1))).name())
                .doesNotContain(TABLE.partitionOf(cutoff).name());
        assertThat(partitions.list(TABLE)).extracting(Partition::name)
                .doesNotContainAnyElementsOf(dropped)
                .contains(TABLE.partitionOf(cutoff).name(), TABLE.partitionOf(now).name());
        assertThat(partitions.list(TABLE)).allSatisfy(p -> assertThat(p.to()).isAfter(cutoff));
        assertThat(timestamps(series)).containsExactly(keptAtTheEdge, recent);
    }

    @Test
    void aPartitionEndingExactlyAtTheCutoffIsDroppedAndTheNextIsKept() {
        Instant midnight = Instant.parse("2020-01-10T00:00:00Z");
        partitions.ensure(TABLE, midnight.minus(Duration.ofDays(2)), midnight.plus(Duration.ofDays(1)));
        assertThat(partitions.dropEntirelyBefore(TABLE, midnight))
                .contains("metric_point_20200108", "metric_point_20200109")
                .doesNotContain("metric_point_20200110", "metric_point_20200111");
        assertThat(partitions.list(TABLE)).extracting(Partition::name)
                .contains("metric_point_20200110", "metric_point_20200111")
                .doesNotContain("metric_point_20200109");
        partitions.dropEntirelyBefore(TABLE, midnight.plus(Duration.ofDays(2)));
    }

    @Test
    void replicasCreatingTheSamePartitionsAtOnceCreateEachOnce() throws Exception {
        Instant from = Instant.parse("2019-03-01T00:00:00Z");
        Instant to = Instant.parse("2019-03-05T12:00:00Z");
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> partitions.ensure(TABLE, from, to));
            }
            List<String> created = new ArrayList<>();
            for (Future<List<String>> result : replicas.invokeAll(calls)) {
                created.addAll(result.get());
            }
            assertThat(created).containsExactlyInAnyOrder("metric_point_20190301", "metric_point_20190302",
                    "metric_point_20190303", "metric_point_20190304", "metric_point_20190305");
        } finally {
            replicas.shutdown();
            partitions.dropEntirelyBefore(TABLE, to.plus(Duration.ofDays(1)));
        }
    }

    private void insert(UUID series, Instant ts) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO metric_point (series_id, ts, metric, labels, value) "
                                + "VALUES (?, ?::timestamptz, 'm', '{}', 1)")) {
            insert.setObject(1, series);
            insert.setString(2, ts.toString());
            insert.executeUpdate();
        }
    }

    private List<Instant> timestamps(UUID series) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT ts FROM metric_point WHERE series_id = ? ORDER BY ts")) {
            select.setObject(1, series);
            List<Instant> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
            return found;
        }
    }
}
