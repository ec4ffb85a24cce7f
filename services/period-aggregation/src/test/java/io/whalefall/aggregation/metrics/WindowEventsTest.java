package io.whalefall.aggregation.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.AggregationTestResource;
import io.whalefall.aggregation.metrics.MetricDriver.RawPoint;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.whalefall.aggregation.metrics.BruteForce.assertMatches;
import static io.whalefall.aggregation.metrics.MetricDriver.newSeries;
import static io.whalefall.aggregation.metrics.MetricDriver.yesterday;
import static io.whalefall.aggregation.metrics.WindowEngineTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the engine announces (MetricWindowsUpdated) and what it refuses (dead letters). */
@QuarkusTest
@AggregationTestResource
class WindowEventsTest {

    private static final String DLQ = "period-aggregation.metrics.dlq";

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    TestBus bus;
    MetricDriver driver;
    String updates;

    @BeforeEach
    void connect() {
        bus = new TestBus(infrastructure.virtualHost());
        driver = new MetricDriver(bus, dataSource);
        updates = bus.tap("whalefall.events", "metrics.windows-updated");
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void everyChangedWindowIsPublishedWithItsStateAndAnIncreasingRevision() {
        SeriesKey series = newSeries("test.cpu");
        Instant t = yesterday().plus(Duration.ofHours(16)).plusSeconds(5);
        List<RawPoint> first = List.of(new RawPoint(t, 3), new RawPoint(t.plusSeconds(10), 5));
        List<RawPoint> second = List.of(new RawPoint(t.plusSeconds(20), 11));
        driver.ingest(series, first);
        driver.ingest(series, second);

        List<Window> windows = awaitWindows(series, 6);
        for (Resolution resolution : Resolution.values()) {
            List<Window> changes = windows.stream().filter(w -> w.resolution() == resolution).toList();
            assertThat(changes).as(resolution.code()).extracting(Window::revision).containsExactly(1L, 2L);
            assertThat(changes).extracting(Window::start).containsOnly(resolution.windowStart(t));
            assertMatches(changes.get(0).state(), values(first), resolution.code() + " after the first batch");
            List<RawPoint> both = new ArrayList<>(first);
            both.addAll(second);
            assertMatches(changes.get(1).state(), values(both), resolution.code() + " after the second batch");
        }
        JsonNode minute = windows.get(windows.size() - 3).json();
        assertThat(minute.path("series_id").asText()).isEqualTo(series.id().toString());
        assertThat(minute.path("metric").asText()).isEqualTo("test.cpu");
        assertThat(minute.path("labels").path("run").asText()).isEqualTo(series.labels().get("run"));
        assertThat(minute.path("count").asLong()).isEqualTo(3);
        assertThat(minute.path("sum").asDouble()).isEqualTo(19);
        assertThat(minute.path("min").asDouble()).isEqualTo(3);
        assertThat(minute.path("max").asDouble()).isEqualTo(11);
        assertThat(minute.path("histogram_bounds").asText()).isEqualTo(HistogramBounds.DEFAULT.toString());
    }

    @Test
    void aBatchChangingManyWindowsIsAnnouncedInChunks() {
        SeriesKey series = newSeries("test.cpu");
        Instant from = yesterday().plus(Duration.ofHours(10));
        List<RawPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 70; minute++) {
            points.add(new RawPoint(from.plus(Duration.ofMinutes(minute)).plusSeconds(7), minute));
        }
        String cause = driver.publish(UUID.randomUUID(), 1, 1, series, points);

        List<TestBus.Received> events = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (TestBus.Received event : bus.drain(updates)) {
                List<Window> mine = windowsOf(event, series);
                if (!mine.isEmpty()) {
                    events.add(event);
                    windows.addAll(mine);
                }
            }
            return windows.size() >= 73;
        });
        // max-windows-per-event is 50 in the test profile: 70 minutes, 2 hours and a day make two events
        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.payload().path("windows").size()).isLessThanOrEqualTo(50);
            assertThat(event.body().path("causation_id").asText()).isEqualTo(cause);
        });
        assertThat(windows).filteredOn(w -> w.resolution() == Resolution.MINUTE).hasSize(70);
        assertThat(windows).filteredOn(w -> w.resolution() == Resolution.HOUR).extracting(Window::start)
                .containsExactlyInAnyOrder(from, from.plus(Duration.ofHours(1)));
        assertThat(windows).filteredOn(w -> w.resolution() == Resolution.DAY).singleElement()
                .satisfies(day -> assertMatches(day.state(), values(points), "day"));
    }

    @Test
    void aBatchThatCanNeverBeAppliedIsDeadLetteredWithItsReasonAndChangesNothing() {
        SeriesKey series = newSeries("test.cpu");
        Instant t = yesterday().plus(Duration.ofHours(8));
        ObjectNode envelope = TestBus.envelope("MetricPointsIngested", MetricDriver.batch(UUID.randomUUID(), 1, 1, series,
                List.of(new RawPoint(t, 1), new RawPoint(t.plusSeconds(1), 2))));
        ((ObjectNode) envelope.path("payload").path("points").get(1)).remove("value");
        driver.publish(envelope);

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dead.addAll(bus.drainRaw(DLQ));
            return dead.stream().anyMatch(m -> m.body().contains(series.labels().get("run")));
        });
        assertThat(dead).filteredOn(m -> m.body().contains(series.labels().get("run"))).singleElement()
                .satisfies(m -> assertThat(m.header("x-whalefall-dead-letter-reason"))
                        .contains("points[1].value must be a finite number"));
        assertThat(driver.seriesRow(series)).isNull();
    }

    /** Collects the windows of {@code series} published from now on until there are {@code count}. */
    private List<Window> awaitWindows(SeriesKey series, int count) {
        List<Window> windows = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            bus.drain(updates).forEach(event -> windows.addAll(windowsOf(event, series)));
            return windows.size() >= count;
        });
        return windows;
    }

    private static List<Window> windowsOf(TestBus.Received event, SeriesKey series) {
        List<Window> windows = new ArrayList<>();
        Map<String, HistogramBounds> bounds = new HashMap<>();
        for (JsonNode window : event.payload().path("windows")) {
            if (series.id().toString().equals(window.path("series_id").asText())) {
                HistogramBounds parsed = bounds.computeIfAbsent(window.path("histogram_bounds").asText(),
                        HistogramBounds::parse);
                windows.add(new Window(Resolution.ofCode(window.path("resolution").asText()),
                        Instant.parse(window.path("window_start").asText()), window.path("revision").asLong(),
                        WindowState.decode(Base64.getDecoder().decode(window.path("state").asText()), parsed), window));
            }
        }
        return windows;
    }

    /** A published window, decoded. */
    private record Window(Resolution resolution, Instant start, long revision, WindowState state, JsonNode json) {
    }
}
