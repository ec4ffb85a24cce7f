package io.whalefall.aggregation.metrics;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.AggregationTestResource;
import io.whalefall.platform.partitions.Partition;
import io.whalefall.platform.partitions.PartitionManager;
import io.whalefall.platform.partitions.PartitionedTable;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.WindowState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention per resolution, enforced by dropping whole partitions (1m 7d, 1h 90d, 1d 730d, late points 30d). */
@QuarkusTest
@AggregationTestResource
class WindowPartitionsTest {

    private static final Map<PartitionedTable, Duration> RETENTION = Map.of(
            WindowTables.of(Resolution.MINUTE), Duration.ofDays(7),
            WindowTables.of(Resolution.HOUR), Duration.ofDays(90),
            WindowTables.of(Resolution.DAY), Duration.ofDays(730),
            WindowTables.LATE_POINTS, Duration.ofDays(30));

    @Inject
    WindowPartitions windowPartitions;

    @Inject
    PartitionManager partitions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyTableHasPartitionsFromItsRetentionHorizonToTwoPartitionsAhead() {
        Instant now = Instant.now();
        RETENTION.forEach((table, retention) -> {
            List<String> needed = table.partitionsCovering(now.minus(retention),
                    table.granularity().plus(now, 2)).stream().map(Partition::name).toList();
            assertThat(partitions.list(table)).as(table.name()).extracting(Partition::name).containsAll(needed);
        });
    }

    @Test
    void hourAndDayPartitionsKeepRoomForRewrittenRowsAndMinutePartitionsArePackedFull() throws Exception {
        // a new partition gets its table's fillfactor when it is created; the migration set the others
        Instant ahead = Instant.now().plus(Duration.ofDays(400));
        for (Resolution resolution : Resolution.values()) {
            partitions.ensure(WindowTables.of(resolution), ahead, ahead);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT p.relname, coalesce(array_to_string(c.reloptions, ','), '') FROM pg_inherits i
                        JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE p.relname IN ('metric_window_1m', 'metric_window_1h', 'metric_window_1d')
                          AND p.relnamespace = current_schema()::regnamespace""");
                ResultSet rs = select.executeQuery()) {
            Map<String, Set<String>> options = new HashMap<>();
            while (rs.next()) {
                options.computeIfAbsent(rs.getString(1), table -> new HashSet<>()).add(rs.getString(2));
            }
            assertThat(options).containsOnly(Map.entry("metric_window_1m", Set.of("")),
                    Map.entry("metric_window_1h", Set.of("fillfactor=70")),
                    Map.entry("metric_window_1d", Set.of("fillfactor=70")));
        }
    }

    @Test
    void retentionDropsOnlyThePartitionsEntirelyOlderThanEachCutoff() throws Exception {
        Instant now = Instant.now();
        UUID series = UUID.randomUUID();
        RETENTION.forEach((table, retention) -> {
            Instant cutoff = now.minus(retention);
            partitions.ensure(table, table.granularity().plus(cutoff, -3), cutoff);
        });
        Instant cutoff = now.minus(Duration.ofDays(7));
        PartitionedTable minutes = WindowTables.of(Resolution.MINUTE);
        Instant expired = minutes.partitionOf(cutoff).from().minus(Duration.ofMinutes(1));
        Instant keptAtTheEdge = minutes.partitionOf(cutoff).from();
        insertMinute(series, expired);
        insertMinute(series, keptAtTheEdge);

        List<String> dropped = windowPartitions.maintain(now).stream()
                .flatMap(maintenance -> maintenance.dropped().stream()).toList();

        RETENTION.forEach((table, retention) -> {
            Instant tableCutoff = now.minus(retention);
            Partition straddling = table.partitionOf(tableCutoff);
            assertThat(dropped).as(table.name()).contains(table.partitionOf(table.granularity().plus(tableCutoff, -1)).name())
                    .doesNotContain(straddling.name());
            assertThat(partitions.list(table)).as(table.name())
                    .allSatisfy(partition -> assertThat(partition.to()).isAfter(tableCutoff))
                    .extracting(Partition::name).contains(straddling.name());
        });
        assertThat(minuteStarts(series)).containsExactly(keptAtTheEdge);
    }

    private void insertMinute(UUID series, Instant start) throws Exception {
        WindowState state = WindowState.of(HistogramBounds.DEFAULT, 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO metric_window_1m (series_id, window_start, revision, count, sum, min, max, mean, state)
                        VALUES (?, ?::timestamptz, 1, 1, 1, 1, 1, 1, ?)""")) {
            insert.setObject(1, series);
            insert.setString(2, start.toString());
            insert.setBytes(3, state.encode());
            insert.executeUpdate();
        }
    }

    private List<Instant> minuteStarts(UUID series) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT window_start FROM metric_window_1m WHERE series_id = ? ORDER BY window_start")) {
            select.setObject(1, series);
            try (ResultSet rs = select.executeQuery()) {
                List<Instant> starts = new java.util.ArrayList<>();
                while (rs.next()) {
                    starts.add(rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
                }
                return starts;
            }
        }
    }
}
