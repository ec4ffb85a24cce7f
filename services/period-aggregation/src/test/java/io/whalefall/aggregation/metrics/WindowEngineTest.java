package io.whalefall.aggregation.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.AggregationTestResource;
import io.whalefall.aggregation.metrics.MetricDriver.RawPoint;
import io.whalefall.aggregation.metrics.MetricDriver.Window;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static io.whalefall.aggregation.metrics.BruteForce.assertMatches;
import static io.whalefall.aggregation.metrics.BruteForce.assertSameState;
import static io.whalefall.aggregation.metrics.MetricDriver.newSeries;
import static io.whalefall.aggregation.metrics.MetricDriver.yesterday;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The 1m, 1h and 1d windows the engine stores, checked against brute force over the raw points. */
@QuarkusTest
@AggregationTestResource
class WindowEngineTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    TestBus bus;
    MetricDriver driver;

    @BeforeEach
    void connect() {
        bus = new TestBus(infrastructure.virtualHost());
        driver = new MetricDriver(bus, dataSource);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void everyFunctionAtEveryResolutionMatchesTheRawPoints() {
        SeriesKey series = newSeries("test.cpu");
        Instant day = yesterday();
        List<RawPoint> points = dayOfPoints(new Random(17), day, 3_000);
        publishInShuffledParts(series, points, 3);

        for (Resolution resolution : Resolution.values()) {
            Map<Instant, List<Double>> expected = byWindow(points, resolution);
            Map<Instant, Window> stored = driver.windows(resolution, series);
            // a window exists exactly where points are: no empty window is announced
            assertThat(stored.keySet()).as(resolution.code()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((start, values) -> {
                Window window = stored.get(start);
                assertMatches(window.state(), values, resolution.code() + " " + start);
                assertThat(window.count()).isEqualTo(values.size());
            });
        }
        // the quiet hours (05:00 and 06:00) have no windows at all, yet the day holds every point
        assertThat(driver.windows(Resolution.HOUR, series)).doesNotContainKeys(day.plus(Duration.ofHours(5)),
                day.plus(Duration.ofHours(6)));
        assertThat(driver.windows(Resolution.DAY, series).get(day).count()).isEqualTo(points.size());
    }

    @Test
    void rollupsOfRollupsEqualTheDirectAggregationOfTheRawPoints() {
        SeriesKey series = newSeries("test.cpu");
        Instant day = yesterday();
        List<RawPoint> points = dayOfPoints(new Random(23), day, 2_000);
        publishInShuffledParts(series, points, 4);

        Map<Instant, Window> minutes = driver.windows(Resolution.MINUTE, series);
        Map<Instant, Window> hours = driver.windows(Resolution.HOUR, series);
        Window storedDay = driver.windows(Resolution.DAY, series).get(day);
        HistogramBounds bounds = storedDay.state().bounds();

        hours.forEach((hour, stored) -> assertSameState(stored.state(), mergeWithin(minutes, hour, Resolution.HOUR, bounds),
                "hour " + hour + " from its minutes"));
        assertSameState(storedDay.state(), mergeWithin(hours, day, Resolution.DAY, bounds), "day from its hours");
        assertSameState(storedDay.state(), mergeWithin(minutes, day, Resolution.DAY, bounds), "day from its minutes");
        WindowState direct = WindowState.empty(bounds);
        points.forEach(point -> direct.add(point.value()));
        assertSameState(storedDay.state(), direct, "day from the raw points");
    }

    @Test
    void aPointExactlyOnABoundaryBelongsToTheWindowItStarts() {
        SeriesKey series = newSeries("test.cpu");
        Instant day = yesterday();
        Instant twoOClock = day.plus(Duration.ofHours(2));
        Instant midnight = day.plus(Duration.ofDays(1));
        List<RawPoint> points = List.of(new RawPoint(twoOClock.minusNanos(1_000), 1), new RawPoint(twoOClock, 2),
                new RawPoint(twoOClock.plus(Duration.ofMinutes(1)), 4), new RawPoint(midnight.minusNanos(1_000), 8),
                new RawPoint(midnight, 16));
        driver.ingest(series, points);

        Map<Instant, Window> minutes = driver.windows(Resolution.MINUTE, series);
        assertThat(minutes.keySet()).containsExactly(twoOClock.minus(Duration.ofMinutes(1)), twoOClock,
                twoOClock.plus(Duration.ofMinutes(1)), midnight.minus(Duration.ofMinutes(1)), midnight);
        assertThat(minutes.get(twoOClock).state().sum()).isEqualTo(2);
        Map<Instant, Window> hours = driver.windows(Resolution.HOUR, series);
        assertThat(hours.get(day.plus(Duration.ofHours(1))).state().sum()).isEqualTo(1);
        assertThat(hours.get(twoOClock).state().sum()).isEqualTo(6);
        assertThat(hours.get(midnight).state().sum()).isEqualTo(16);
        Map<Instant, Window> days = driver.windows(Resolution.DAY, series);
        assertThat(days.keySet()).containsExactly(day, midnight);
        assertThat(days.get(day).state().sum()).isEqualTo(15);
        assertThat(days.get(midnight).state().sum()).isEqualTo(16);
    }

    @Test
    void aSinglePointIsEveryStatisticOfItsWindows() {
        SeriesKey series = newSeries("test.cpu");
        Instant at = yesterday().plus(Duration.ofHours(3)).plus(Duration.ofMinutes(17)).plusMillis(500);
        driver.ingest(series, List.of(new RawPoint(at, 42.5)));
        for (Resolution resolution : Resolution.values()) {
            Map<Instant, Window> windows = driver.windows(resolution, series);
            assertThat(windows).hasSize(1);
            Window window = windows.get(resolution.windowStart(at));
            assertThat(window.batches()).isEqualTo(1);
            assertMatches(window.state(), List.of(42.5), resolution.code());
            assertThat(window.state().stddev()).isZero();
            assertThat(window.state().quantile(0.99)).isEqualTo(42.5);
        }
    }

    @Test
    void aMetricWithHistogramBoundsOfItsOwnUsesThem() {
        SeriesKey series = newSeries("test.latency"); // bounds 0.5,1,2.5,5,10,25 in the test profile
        Random random = new Random(5);
        Instant hour = yesterday().plus(Duration.ofHours(9));
        List<RawPoint> points = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            points.add(new RawPoint(hour.plusMillis(random.nextInt(3_600_000)), Math.round(random.nextDouble() * 300) / 10.0));
        }
        points.add(new RawPoint(hour.plusSeconds(1), 2.5)); // on a bound: counted in the bucket it closes
        driver.ingest(series, points);

        assertThat(driver.seriesRow(series).get("histogram_bounds")).isEqualTo("0.5,1,2.5,5,10,25");
        Window stored = driver.windows(Resolution.HOUR, series).get(hour);
        assertThat(stored.state().histogram()).hasSize(7);
        assertMatches(stored.state(), values(points), "hour");
        assertThat(driver.seriesRow(newSeriesWithPoint("test.cpu")).get("histogram_bounds"))
                .isEqualTo(HistogramBounds.DEFAULT.toString());
    }

    @Test
    void batchesOfEveryPartitionAndWithoutAPartitionAreApplied() {
        Instant t = yesterday().plus(Duration.ofHours(15));
        Map<Integer, SeriesKey> byPartition = new TreeMap<>();
        while (byPartition.size() < MetricPartitions.COUNT) {
            SeriesKey series = newSeries("test.cpu");
            byPartition.putIfAbsent(MetricPartitions.of(series.id()), series);
        }
        List<String> messages = new ArrayList<>();
        byPartition.values().forEach(series -> messages.add(driver.publish(UUID.randomUUID(), 1, 1, series,
                List.of(new RawPoint(t, 1), new RawPoint(t.plusSeconds(70), 2)))));
        // a stats-ingestion from before partitions publishes without one: such a batch is applied too
        SeriesKey unpartitioned = newSeries("test.cpu");
        messages.add(driver.publishWithRoutingKey(TestBus.envelope("MetricPointsIngested", MetricDriver.batch(
                UUID.randomUUID(), 1, 1, unpartitioned, List.of(new RawPoint(t, 3)))), "metrics.ingested"));
        messages.forEach(driver::awaitProcessed);

        byPartition.values().forEach(series -> {
            assertThat(driver.windows(Resolution.MINUTE, series)).hasSize(2);
            assertThat(driver.windows(Resolution.HOUR, series).get(Resolution.HOUR.windowStart(t)).count()).isEqualTo(2);
        });
        assertThat(driver.windows(Resolution.DAY, unpartitioned).get(Resolution.DAY.windowStart(t)).count()).isEqualTo(1);
    }

    @Test
    void aBatchDeliveredTwiceIsCountedOnce() {
        SeriesKey series = newSeries("test.cpu");
        Instant t = yesterday().plus(Duration.ofHours(14));
        ObjectNode envelope = TestBus.envelope("MetricPointsIngested", MetricDriver.batch(UUID.randomUUID(), 1, 1, series,
                List.of(new RawPoint(t, 1), new RawPoint(t.plusSeconds(1), 2))));
        driver.publish(envelope, series);
        driver.publish(envelope, series);
        driver.awaitProcessed(envelope.path("message_id").asText());
        // the second delivery is recognised, whenever it comes: the windows keep the batch once
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> Arrays.stream(Resolution.values())
                .map(resolution -> driver.windows(resolution, series).get(resolution.windowStart(t)))
                .allMatch(window -> window.count() == 2 && window.batches() == 1));
    }

    @Test
    void largeValuesWithASmallSpreadKeepTheirVarianceThroughEveryMerge() {
        SeriesKey series = newSeries("test.bytes");
        Instant hour = yesterday().plus(Duration.ofHours(20));
        Random random = new Random(3);
        List<RawPoint> points = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            points.add(new RawPoint(hour.plusSeconds(i * 3L), 1e9 + random.nextDouble()));
        }
        driver.ingest(series, points);
        WindowState day = driver.windows(Resolution.DAY, series).get(yesterday()).state();
        List<Double> values = values(points);
        // 60 minutes merged into an hour, the hour into the day: the naive E[x²] − E[x]² would have lost every
        // digit. The spread is 3e-10 of the values, so double precision leaves about six digits of it.
        assertThat(day.stddev()).isCloseTo(BruteForce.stddev(values), within(1e-6));
        assertThat(day.sum()).isCloseTo(BruteForce.sum(values), within(1e-9 * BruteForce.sum(values)));
        assertThat(day.mean()).isCloseTo(BruteForce.mean(values), within(1e-9 * BruteForce.mean(values)));
        assertThat(day.count()).isEqualTo(values.size());
    }

    /** A series of {@code metric} that has seen one point, so its row exists. */
    private SeriesKey newSeriesWithPoint(String metric) {
        SeriesKey series = newSeries(metric);
        driver.ingest(series, List.of(new RawPoint(yesterday().plus(Duration.ofHours(1)), 1)));
        return series;
    }

    /** Publishes the points as one batch in {@code parts} parts, in shuffled order, and waits for all. */
    private void publishInShuffledParts(SeriesKey series, List<RawPoint> points, int parts) {
        List<RawPoint> shuffled = new ArrayList<>(points);
        Collections.shuffle(shuffled, new Random(parts));
        UUID batch = UUID.randomUUID();
        int size = (shuffled.size() + parts - 1) / parts;
        List<String> messages = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            messages.add(driver.publish(batch, part + 1, parts, series,
                    shuffled.subList(part * size, Math.min((part + 1) * size, shuffled.size()))));
        }
        messages.forEach(driver::awaitProcessed);
    }

    /**
     * Points over one day: random instants (to the microsecond) and values (log-normal, some negative,
     * some zero), nothing in 05:00–07:00, and a few exactly on minute, hour and day boundaries.
     */
    static List<RawPoint> dayOfPoints(Random random, Instant day, int n) {
        List<RawPoint> points = new ArrayList<>();
        while (points.size() < n) {
            Instant at = day.plusNanos(1_000L * (long) (random.nextDouble() * 86_400_000_000L));
            if (at.isBefore(day.plus(Duration.ofHours(5))) || !at.isBefore(day.plus(Duration.ofHours(7)))) {
                points.add(new RawPoint(at, value(random)));
            }
        }
        for (Instant boundary : List.of(day, day.plus(Duration.ofHours(1)), day.plus(Duration.ofMinutes(61)),
                day.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59)))) {
            points.add(new RawPoint(boundary, value(random)));
        }
        return points;
    }

    private static double value(Random random) {
        double kind = random.nextDouble();
        return kind < 0.05 ? 0.0 : kind < 0.15 ? -Math.exp(random.nextGaussian()) : Math.exp(2 + 1.5 * random.nextGaussian());
    }

    static Map<Instant, List<Double>> byWindow(List<RawPoint> points, Resolution resolution) {
        Map<Instant, List<Double>> windows = new TreeMap<>();
        points.forEach(p -> windows.computeIfAbsent(resolution.windowStart(p.timestamp()), k -> new ArrayList<>())
                .add(p.value()));
        return windows;
    }

    static List<Double> values(List<RawPoint> points) {
        return points.stream().map(RawPoint::value).toList();
    }

    /** The merge of the stored windows that start within the {@code parent} window at {@code start}. */
    private static WindowState mergeWithin(Map<Instant, Window> windows, Instant start, Resolution parent,
            HistogramBounds bounds) {
        WindowState merged = WindowState.empty(bounds);
        windows.forEach((at, window) -> {
            if (!at.isBefore(start) && at.isBefore(start.plus(parent.size()))) {
                merged.merge(window.state());
            }
        });
        return merged;
    }
}
