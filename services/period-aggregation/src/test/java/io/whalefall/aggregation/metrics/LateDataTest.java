package io.whalefall.aggregation.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.AggregationTestResource;
import io.whalefall.aggregation.metrics.MetricDriver.RawPoint;
import io.whalefall.aggregation.metrics.MetricDriver.Window;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.whalefall.aggregation.metrics.BruteForce.assertMatches;
import static io.whalefall.aggregation.metrics.MetricDriver.newSeries;
import static io.whalefall.aggregation.metrics.MetricDriver.yesterday;
import static io.whalefall.aggregation.metrics.WindowEngineTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Late data: within the allowed lateness (10m) it updates every level; beyond it (or beyond retention, or too
 * far in the future) it is kept aside and counted.
 */
@QuarkusTest
@AggregationTestResource
class LateDataTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    TestBus bus;
    MetricDriver driver;
    SeriesKey series;
    Instant start;
    Instant watermark;
    List<RawPoint> points;

    @BeforeEach
    void streamHalfAnHour() {
        bus = new TestBus(infrastructure.virtualHost());
        driver = new MetricDriver(bus, dataSource);
        series = newSeries("test.cpu");
        start = yesterday().plus(Duration.ofHours(12));
        points = new ArrayList<>();
        for (int i = 0; i <= 60; i++) {
            points.add(new RawPoint(start.plusSeconds(30L * i), i));
        }
        watermark = start.plus(Duration.ofMinutes(30));
        driver.ingest(series, points);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void pointsWithinTheAllowedLatenessUpdateTheirMinuteHourAndDay() {
        Map<Resolution, Map<Instant, Window>> before = snapshot();
        RawPoint atTheLimit = new RawPoint(watermark.minus(LATENESS), 1000);
        RawPoint inTime = new RawPoint(watermark.minus(Duration.ofSeconds(450)), 2000);
        driver.ingest(series, List.of(atTheLimit, inTime));

        Map<Instant, Window> minutes = driver.windows(Resolution.MINUTE, series);
        Instant limitMinute = Resolution.MINUTE.windowStart(atTheLimit.timestamp());
        Instant inTimeMinute = Resolution.MINUTE.windowStart(inTime.timestamp());
        for (Instant minute : List.of(limitMinute, inTimeMinute)) {
            assertThat(minutes.get(minute).count()).isEqualTo(before.get(Resolution.MINUTE).get(minute).count() + 1);
            assertThat(minutes.get(minute).batches()).isEqualTo(2);
        }
        List<RawPoint> all = new ArrayList<>(points);
        all.add(atTheLimit);
        all.add(inTime);
        for (Resolution resolution : List.of(Resolution.HOUR, Resolution.DAY)) {
            Window window = driver.windows(resolution, series).get(resolution.windowStart(start));
            assertThat(window.batches()).as(resolution.code()).isEqualTo(2);
            assertMatches(window.state(), values(all), resolution.code());
        }
        assertThat(driver.latePoints(series)).isEmpty();
        assertThat(driver.seriesRow(series).get("late_points")).isEqualTo(0L);
    }

    @Test
    void pointsBeyondTheAllowedLatenessAreKeptAsideCountedAndChangeNoWindow() {
        Map<Resolution, Map<Instant, Window>> before = snapshot();
        double lateBefore = lateCounter("lateness");
        RawPoint justTooLate = new RawPoint(watermark.minus(LATENESS).minusNanos(1_000), 1000);
        RawPoint muchTooLate = new RawPoint(start.minus(Duration.ofMinutes(150)), 2000);
        driver.ingest(series, List.of(justTooLate, muchTooLate));

        // same windows, same counts, same revisions: the late points are in none of them
        Map<Resolution, Map<Instant, Window>> after = snapshot();
        for (Resolution resolution : Resolution.values()) {
            assertThat(after.get(resolution).keySet()).as(resolution.code())
                    .containsExactlyElementsOf(before.get(resolution).keySet());
            after.get(resolution).forEach((at, window) -> {
                assertThat(window.count()).isEqualTo(before.get(resolution).get(at).count());
                assertThat(window.batches()).isEqualTo(before.get(resolution).get(at).batches());
            });
        }
        List<Map<String, Object>> late = driver.latePoints(series);
        assertThat(late).extracting(row -> ((OffsetDateTime) row.get("ts")).toInstant())
                .containsExactly(muchTooLate.timestamp(), justTooLate.timestamp());
        assertThat(late).extracting(row -> row.get("value")).containsExactly(2000.0, 1000.0);
        assertThat(late).allSatisfy(row -> {
            assertThat(row.get("reason")).isEqualTo("lateness");
            assertThat(((OffsetDateTime) row.get("watermark")).toInstant()).isEqualTo(watermark);
            assertThat(row.get("metric")).isEqualTo("test.cpu");
        });
        Map<String, Object> seriesRow = driver.seriesRow(series);
        assertThat(seriesRow.get("late_points")).isEqualTo(2L);
        assertThat(((OffsetDateTime) seriesRow.get("watermark")).toInstant()).isEqualTo(watermark);
        awaitCounted("lateness", lateBefore + 2);
    }

    @Test
    void theLaterPartOfABatchCannotMakeItsEarlierPartLate() {
        UUID batch = UUID.randomUUID();
        Instant later = watermark.plus(Duration.ofHours(1));
        List<RawPoint> partTwo = List.of(new RawPoint(later, 1), new RawPoint(later.plusSeconds(30), 2));
        List<RawPoint> partOne = List.of(new RawPoint(watermark.plusSeconds(1), 3), new RawPoint(watermark.plusSeconds(90), 4));
        // part 2 is processed first and moves the watermark an hour ahead
        driver.awaitProcessed(driver.publish(batch, 2, 2, series, partTwo));
        driver.awaitProcessed(driver.publish(batch, 1, 2, series, partOne));

        assertThat(driver.latePoints(series)).isEmpty();
        assertThat(driver.windows(Resolution.DAY, series).get(yesterday()).count()).isEqualTo(points.size() + 4);
        // a point as old as part 1's, in a batch of its own, is late against the new watermark
        driver.ingest(series, List.of(new RawPoint(watermark.plusSeconds(2), 5)));
        assertThat(driver.latePoints(series)).singleElement()
                .satisfies(row -> assertThat(((OffsetDateTime) row.get("watermark")).toInstant())
                        .isEqualTo(later.plusSeconds(30)));
    }

    @Test
    void batchesPublishedInOrderAreAppliedInOrderSoAHistoryLoadNeverMakesItselfLate() {
        SeriesKey history = newSeries("test.cpu");
        Instant day = yesterday();
        List<String> messages = new ArrayList<>();
        // a collector catching up: a day of history in 24 batches of one hour each, sent back to back
        for (int hour = 0; hour < 24; hour++) {
            Instant from = day.plus(Duration.ofHours(hour));
            List<RawPoint> hourly = List.of(new RawPoint(from, hour), new RawPoint(from.plusSeconds(1800), hour));
            messages.add(driver.publish(UUID.randomUUID(), 1, 1, history, hourly));
        }
        messages.forEach(driver::awaitProcessed);

        assertThat(driver.latePoints(history)).isEmpty();
        assertThat(driver.windows(Resolution.DAY, history).get(day).count()).isEqualTo(48);
        assertThat(((OffsetDateTime) driver.seriesRow(history).get("watermark")).toInstant())
                .isEqualTo(day.plus(Duration.ofMinutes(23 * 60 + 30)));
    }

    @Test
    void aPointWhoseMinuteIsNoLongerKeptIsKeptAsideForRetention() {
        SeriesKey fresh = newSeries("test.cpu");
        double before = lateCounter("retention");
        Instant expired = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS);
        driver.ingest(fresh, List.of(new RawPoint(expired, 7)));

        assertThat(driver.latePoints(fresh)).singleElement().satisfies(row -> {
            assertThat(row.get("reason")).isEqualTo("retention");
            assertThat(row.get("watermark")).isNull();
        });
        for (Resolution resolution : Resolution.values()) {
            assertThat(driver.windows(resolution, fresh)).isEmpty();
        }
        assertThat(driver.seriesRow(fresh).get("watermark")).isNull();
        assertThat(driver.seriesRow(fresh).get("late_points")).isEqualTo(1L);
        awaitCounted("retention", before + 1);
    }

    @Test
    void aPointFromTheFutureIsKeptAsideAndLeavesTheWatermarkWhereItWas() {
        double before = lateCounter("future");
        Instant future = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        driver.ingest(series, List.of(new RawPoint(future, 1)));

        assertThat(driver.latePoints(series)).singleElement().satisfies(row -> {
            assertThat(row.get("reason")).isEqualTo("future");
            assertThat(((OffsetDateTime) row.get("ts")).toInstant()).isEqualTo(future);
        });
        assertThat(((OffsetDateTime) driver.seriesRow(series).get("watermark")).toInstant()).isEqualTo(watermark);
        assertThat(driver.windows(Resolution.MINUTE, series)).doesNotContainKey(Resolution.MINUTE.windowStart(future));
        awaitCounted("future", before + 1);
        // points in real time still count
        driver.ingest(series, List.of(new RawPoint(watermark.plusSeconds(30), 1)));
        assertThat(driver.windows(Resolution.DAY, series).get(yesterday()).count()).isEqualTo(points.size() + 1);
    }

    private Map<Resolution, Map<Instant, Window>> snapshot() {
        Map<Resolution, Map<Instant, Window>> windows = new EnumMap<>(Resolution.class);
        for (Resolution resolution : Resolution.values()) {
            windows.put(resolution, driver.windows(resolution, series));
        }
        return windows;
    }

    /** The counters move once the transaction has committed, a moment after its effects are visible. */
    private void awaitCounted(String reason, double expected) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lateCounter(reason)).isEqualTo(expected));
    }

    private double lateCounter(String reason) {
        return meters.get("whalefall.metric.points.late").tag("reason", reason).counter().count();
    }
}
