package io.whalefall.aggregation.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.AggregationTestResource;
import io.whalefall.aggregation.metrics.MetricDriver.RawPoint;
import io.whalefall.contracts.MessageType;
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
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.whalefall.aggregation.metrics.BruteForce.assertMatches;
import static io.whalefall.aggregation.metrics.MetricDriver.newSeries;
import static io.whalefall.aggregation.metrics.MetricDriver.yesterday;
import static io.whalefall.aggregation.metrics.WindowEngineTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the engine announces (MetricWindowsUpdated: minute deltas) and what it refuses (dead letters). */
@QuarkusTest
@AggregationTestResource
class WindowEventsTest {


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
        updates = bus.tap("whalefall.events", "metrics.windows-updated.#");
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void eachBatchIsAnnouncedAsWhatItAddedToEachMinuteNotAsTheWindowsFullState() {
        SeriesKey series = newSeries("test.cpu");
        Instant t = yesterday().plus(Duration.ofHours(16)).plusSeconds(5);
        List<RawPoint> first = List.of(new RawPoint(t, 3), new RawPoint(t.plusSeconds(10), 5));
        List<RawPoint> second = List.of(new RawPoint(t.plusSeconds(20), 11));
        driver.ingest(series, first);
        driver.ingest(series, second);

        List<Delta> deltas = awaitDeltas(series, 2);
        assertThat(deltas).extracting(Delta::minute).containsOnly(Resolution.MINUTE.windowStart(t));
        assertMatches(deltas.get(0).state(), values(first), "delta of the first batch");
        assertMatches(deltas.get(1).state(), values(second), "delta of the second batch");
        JsonNode announced = deltas.get(1).series();
        assertThat(announced.path("series_id").asText()).isEqualTo(series.id().toString());
        assertThat(announced.path("metric").asText()).isEqualTo("test.cpu");
        assertThat(announced.path("labels").path("run").asText()).isEqualTo(series.labels().get("run"));
        assertThat(announced.path("histogram_bounds").asText()).isEqualTo(HistogramBounds.DEFAULT.toString());
        assertThat(announced.path("minutes").get(0).path("count").asLong()).isEqualTo(1);
        // merged as query-api merges them, the deltas hold both batches at every level
        List<RawPoint> both = new ArrayList<>(first);
        both.addAll(second);
        for (Resolution resolution : Resolution.values()) {
            assertThat(driver.windows(resolution, series).get(resolution.windowStart(t)).count())
                    .as(resolution.code()).isEqualTo(both.size());
        }
    }

    @Test
    void aBatchTouchingManyMinutesIsAnnouncedInSeveralEvents() {
        SeriesKey series = newSeries("test.cpu");
        Instant from = yesterday().plus(Duration.ofHours(10));
        List<RawPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 70; minute++) {
            points.add(new RawPoint(from.plus(Duration.ofMinutes(minute)).plusSeconds(7), minute));
        }
        String cause = driver.publish(UUID.randomUUID(), 1, 1, series, points);

        List<TestBus.Received> events = new ArrayList<>();
        List<Delta> deltas = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (TestBus.Received event : bus.drain(updates)) {
                List<Delta> mine = deltasOf(event, series);
                if (!mine.isEmpty()) {
                    events.add(event);
                    deltas.addAll(mine);
                }
            }
            return deltas.size() >= 70;
        });
        // max-deltas-per-event is 50 in the test profile: 70 minutes make two events, the series in both
        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.payload().path("series")).hasSize(1);
            assertThat(event.payload().path("series").get(0).path("minutes").size()).isLessThanOrEqualTo(50);
            assertThat(event.body().path("causation_id").asText()).isEqualTo(cause);
            // on the routing key of the series' partition, as the batch came
            assertThat(event.routingKey()).isEqualTo(MetricPartitions.routingKey(MessageType.METRIC_WINDOWS_UPDATED,
                    MetricPartitions.of(series.id())));
        });
        assertThat(deltas).extracting(Delta::minute).doesNotHaveDuplicates().hasSize(70);
        WindowState all = WindowState.mergeAll(HistogramBounds.DEFAULT, deltas.stream().map(Delta::state).toList());
        assertMatches(all, values(points), "the deltas merged");
    }

    @Test
    void aBatchThatCanNeverBeAppliedIsDeadLetteredWithItsReasonAndChangesNothing() {
        SeriesKey series = newSeries("test.cpu");
        Instant t = yesterday().plus(Duration.ofHours(8));
        ObjectNode envelope = TestBus.envelope("MetricPointsIngested", MetricDriver.batch(UUID.randomUUID(), 1, 1, series,
                List.of(new RawPoint(t, 1), new RawPoint(t.plusSeconds(1), 2))));
        ((ObjectNode) envelope.path("payload").path("points").get(1)).remove("value");
        driver.publish(envelope, series);

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dead.addAll(bus.drainRaw(MetricDriver.queueOf(series) + ".dlq"));
            return dead.stream().anyMatch(m -> m.body().contains(series.labels().get("run")));
        });
        assertThat(dead).filteredOn(m -> m.body().contains(series.labels().get("run"))).singleElement()
                .satisfies(m -> assertThat(m.header("x-whalefall-dead-letter-reason"))
                        .contains("points[1].value must be a finite number"));
        assertThat(driver.seriesRow(series)).isNull();
    }

    /** Collects the deltas of {@code series} published from now on until there are {@code count}. */
    private List<Delta> awaitDeltas(SeriesKey series, int count) {
        List<Delta> deltas = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            bus.drain(updates).forEach(event -> deltas.addAll(deltasOf(event, series)));
            return deltas.size() >= count;
        });
        return deltas;
    }

    private static List<Delta> deltasOf(TestBus.Received event, SeriesKey series) {
        List<Delta> deltas = new ArrayList<>();
        for (JsonNode announced : event.payload().path("series")) {
            if (series.id().toString().equals(announced.path("series_id").asText())) {
                HistogramBounds bounds = HistogramBounds.parse(announced.path("histogram_bounds").asText());
                for (JsonNode minute : announced.path("minutes")) {
                    deltas.add(new Delta(Instant.parse(minute.path("window_start").asText()),
                            WindowState.decode(Base64.getDecoder().decode(minute.path("state").asText()), bounds),
                            announced));
                }
            }
        }
        return deltas;
    }

    /** A published minute delta, decoded, with the series entry that carried it. */
    private record Delta(Instant minute, WindowState state, JsonNode series) {
    }
}
