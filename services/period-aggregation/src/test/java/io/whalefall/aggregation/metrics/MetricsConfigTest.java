package io.whalefall.aggregation.metrics;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.whalefall.windows.HistogramBounds;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window engine's configuration: its documented defaults, and the settings refused at start-up. */
class MetricsConfigTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        MetricsConfig config = config(Map.of());
        assertThat(config.allowedLateness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.maxClockSkew()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.maxDeltasPerEvent()).isEqualTo(10_000);
        assertThat(config.retention().minute()).isEqualTo(Duration.ofDays(7));
        assertThat(config.retention().latePoints()).isEqualTo(Duration.ofDays(30));
        assertThat(config.partitions().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.partitions().ahead()).isEqualTo(2);
        assertThat(config.histogram().bounds()).isEmpty();
        assertThat(new HistogramBoundsCatalog(config).boundsFor("anything")).isEqualTo(HistogramBounds.DEFAULT);
    }

    @Test
    void histogramBoundsCanBeSetPerMetricAndByDefault() {
        HistogramBoundsCatalog catalog = new HistogramBoundsCatalog(config(Map.of(
                "whalefall.metrics.histogram.default-bounds", "1, 10, 100",
                "whalefall.metrics.histogram.bounds.\"db.latency.ms\"", "0.5,1,5")));
        assertThat(catalog.boundsFor("db.latency.ms")).isEqualTo(HistogramBounds.parse("0.5,1,5"));
        assertThat(catalog.boundsFor("db.size")).isEqualTo(HistogramBounds.parse("1,10,100"));
    }

    @Test
    void badHistogramBoundsStopTheServiceNamingTheKey() {
        assertThatThrownBy(() -> new HistogramBoundsCatalog(config(Map.of(
                "whalefall.metrics.histogram.bounds.\"db.size\"", "10,5"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("whalefall.metrics.histogram.bounds.\"db.size\"");
        assertThatThrownBy(() -> new HistogramBoundsCatalog(config(Map.of(
                "whalefall.metrics.histogram.default-bounds", "1,ten"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("default-bounds");
    }

    @Test
    void aSkewBeyondQueryApisPartitionsOrNoPartitionAheadStopsTheService() {
        assertThatThrownBy(() -> partitions(Map.of("whalefall.metrics.max-clock-skew", "2d")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max-clock-skew");
        assertThatThrownBy(() -> partitions(Map.of("whalefall.metrics.partitions.ahead", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("late_metric_point");
        assertThat(partitions(Map.of("whalefall.metrics.max-clock-skew", "1d"))).isNotNull();
    }

    private static LatePointPartitions partitions(Map<String, String> properties) {
        return new LatePointPartitions(null, config(properties), Clock.systemUTC());
    }

    private static MetricsConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(MetricsConfig.class)
                .build();
        return config.getConfigMapping(MetricsConfig.class);
    }
}
