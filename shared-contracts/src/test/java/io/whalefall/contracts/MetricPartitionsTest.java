package io.whalefall.contracts;

import io.whalefall.contracts.metrics.MetricPartitions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricPartitionsTest {

    @Test
    void aSeriesPartitionIsItsIdsJavaHashCodeModuloTheCount() {
        // hash code of a UUID: (msb ^ lsb), then its upper 32 bits ^ its lower 32 bits: 1 ^ 2 = 3
        assertThat(MetricPartitions.of(new UUID(1, 2))).isEqualTo(3);
        assertThat(MetricPartitions.of(new UUID(0, 5))).isEqualTo(1);
        // negative hash codes still give a partition in range
        assertThat(MetricPartitions.of(new UUID(0, 0xFFFF_FFFFL))).isEqualTo(3);
    }

    @Test
    void nameBasedSeriesIdsSpreadEvenlyOverThePartitions() {
        int[] counts = new int[MetricPartitions.COUNT];
        for (int i = 0; i < 40_000; i++) {
            counts[MetricPartitions.of(UUID.nameUUIDFromBytes(("series-" + i).getBytes(StandardCharsets.UTF_8)))]++;
        }
        assertThat(Arrays.stream(counts).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(9_500, 10_500));
    }

    @Test
    void eachPartitionHasARoutingKeyUnderTheTypesKey() {
        assertThat(MetricPartitions.routingKey(MessageType.METRIC_POINTS_INGESTED, 0)).isEqualTo("metrics.ingested.0");
        assertThat(MetricPartitions.routingKey(MessageType.METRIC_POINTS_INGESTED, MetricPartitions.COUNT - 1)).isEqualTo("metrics.ingested.3");
        assertThat(MetricPartitions.routingKey(MessageType.METRIC_WINDOWS_UPDATED, 2)).isEqualTo("metrics.windows-updated.2");
        assertThatThrownBy(() -> MetricPartitions.routingKey(MessageType.METRIC_POINTS_INGESTED, MetricPartitions.COUNT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..3");
    }
}
