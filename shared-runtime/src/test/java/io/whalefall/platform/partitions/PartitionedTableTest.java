package io.whalefall.platform.partitions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The names and ranges of time partitions, and which of them a retention drops. */
class PartitionedTableTest {

    private static final PartitionedTable DAILY = new PartitionedTable("metric_point", PartitionGranularity.DAY);
    private static final PartitionedTable MONTHLY = new PartitionedTable("metric_window_1h", PartitionGranularity.MONTH);
    private static final PartitionedTable YEARLY = new PartitionedTable("metric_window_1d", PartitionGranularity.YEAR);

    @Test
    void aPartitionIsNamedAfterItsFirstUtcInstantAndCoversOneUnit() {
        assertThat(DAILY.partitionOf(Instant.parse("2026-11-20T23:59:59.999999Z"))).isEqualTo(new Partition(
                "metric_point_20261120", Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z")));
        assertThat(MONTHLY.partitionOf(Instant.parse("2024-02-29T12:00:00Z"))).isEqualTo(new Partition(
                "metric_window_1h_202402", Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")));
        assertThat(YEARLY.partitionOf(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(new Partition(
                "metric_window_1d_2026", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void anInstantOnABoundaryBelongsToThePartitionItStarts() {
        Instant midnight = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(DAILY.partitionOf(midnight).name()).isEqualTo("metric_point_20261201");
        assertThat(MONTHLY.partitionOf(midnight).name()).isEqualTo("metric_window_1h_202612");
        assertThat(DAILY.partitionOf(midnight.minusNanos(1)).name()).isEqualTo("metric_point_20261130");
        assertThat(DAILY.partitionOf(midnight).contains(midnight)).isTrue();
        assertThat(DAILY.partitionOf(midnight.minusNanos(1)).contains(midnight)).isFalse();
    }

    @Test
    void theCoveringPartitionsAreContiguousAndIncludeBothEnds() {
        List<Partition> days = DAILY.partitionsCovering(Instant.parse("2026-02-27T18:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(days).extracting(Partition::name).containsExactly("metric_point_20260227", "metric_point_20260228",
                "metric_point_20260301", "metric_point_20260302");
        for (int i = 1; i < days.size(); i++) {
            assertThat(days.get(i).from()).isEqualTo(days.get(i - 1).to());
        }
        assertThat(MONTHLY.partitionsCovering(Instant.parse("2025-11-15T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")))
                .extracting(Partition::name).containsExactly("metric_window_1h_202511", "metric_window_1h_202512",
                        "metric_window_1h_202601", "metric_window_1h_202602");
        assertThat(YEARLY.partitionsCovering(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void namesAreReadBackOnlyWhenTheyFollowTheScheme() {
        assertThat(DAILY.partitionNamed("metric_point_20261120"))
                .contains(DAILY.partitionOf(Instant.parse("2026-11-20T00:00:00Z")));
        assertThat(MONTHLY.partitionNamed("metric_window_1h_202611").map(Partition::to))
                .contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(YEARLY.partitionNamed("metric_window_1d_2027").map(Partition::from))
                .contains(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(DAILY.partitionNamed("metric_point_default")).isEmpty();
        assertThat(DAILY.partitionNamed("metric_point_20261320")).isEmpty(); // no 13th month
        assertThat(DAILY.partitionNamed("metric_point_202611")).isEmpty();
        assertThat(MONTHLY.partitionNamed("metric_window_1h_202613")).isEmpty();
        assertThat(DAILY.partitionNamed("other_table_20261120")).isEmpty();
    }

    @Test
    void onlyPartitionsEntirelyBeforeTheCutoffAreDue() {
        Instant cutoff = Instant.parse("2026-11-13T09:30:00Z");
        assertThat(DAILY.partitionOf(Instant.parse("2026-11-12T12:00:00Z")).isEntirelyBefore(cutoff)).isTrue();
        assertThat(DAILY.partitionOf(cutoff).isEntirelyBefore(cutoff)).isFalse(); // still holds 09:30..24:00
        Instant midnight = Instant.parse("2026-11-13T00:00:00Z");
        assertThat(DAILY.partitionOf(midnight.minusSeconds(1)).isEntirelyBefore(midnight)).isTrue(); // ends exactly there
        assertThat(DAILY.partitionOf(midnight).isEntirelyBefore(midnight)).isFalse();
    }

    @Test
    void aPolicyKeepsTheRetentionAndPrecreatesPartitionsAhead() {
        Instant now = Instant.parse("2026-11-20T10:15:00Z");
        PartitionPolicy raw = new PartitionPolicy(DAILY, Duration.ofDays(7), 2);
        assertThat(raw.cutoff(now)).isEqualTo(Instant.parse("2026-11-13T10:15:00Z"));
        assertThat(DAILY.partitionsCovering(raw.ensureFrom(now), raw.ensureTo(now))).extracting(Partition::name)
                .first().isEqualTo("metric_point_20261113");
        assertThat(DAILY.partitionsCovering(raw.ensureFrom(now), raw.ensureTo(now))).extracting(Partition::name)
                .last().isEqualTo("metric_point_20261122");
        assertThat(raw.isExpired(Instant.parse("2026-11-12T23:59:59Z"), now)).isTrue();
        assertThat(raw.isExpired(Instant.parse("2026-11-13T00:00:00Z"), now)).isFalse();

        PartitionPolicy hours = new PartitionPolicy(MONTHLY, Duration.ofDays(90), 2);
        assertThat(MONTHLY.partitionsCovering(hours.ensureFrom(now), hours.ensureTo(now))).extracting(Partition::name)
                .containsExactly("metric_window_1h_202608", "metric_window_1h_202609", "metric_window_1h_202610",
                        "metric_window_1h_202611", "metric_window_1h_202612", "metric_window_1h_202701");
    }

    @Test
    void unsafeNamesAndPoliciesAreRefused() {
        assertThatThrownBy(() -> new PartitionedTable("points; DROP TABLE x", PartitionGranularity.DAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionedTable("Points", PartitionGranularity.DAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionPolicy(DAILY, Duration.ZERO, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionPolicy(DAILY, Duration.ofDays(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
