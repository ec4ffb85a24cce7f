package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.contracts.metrics.MetricSeriesDeltas;
import io.whalefall.contracts.metrics.MinuteDelta;
import io.whalefall.query.QueryTestResource;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.whalefall.query.metrics.MetricsApi.series;
import static io.whalefall.query.metrics.MetricsApi.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read model built from {@code MetricWindowsUpdated}: deltas add up at every resolution, each event once,
 * events of one partition arriving together are merged together, faulty events are dead-lettered with their reason, retention drops whole partitions and forgets series, and
 * the series list.
 */
@QuarkusTest
@QueryTestResource
class MetricWindowReadModelTest {

    private static final String QUEUE = "query-api.metric-windows";
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WindowPartitions partitions;

    MetricFeed feed;

    @BeforeEach
    void connect() {
        feed = new MetricFeed(infrastructure, dataSource);
    }

    @AfterEach
    void disconnect() {
        feed.close();
    }

    @Test
    void deltasAddUpAtEveryResolutionWhateverOrderTheyArriveInAndARedeliveryCountsOnce() {
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("deltas"), Map.of("instance", "a"));
        Instant minute = HOUR.plus(Duration.ofMinutes(7));
        Instant later = HOUR.plus(Duration.ofMinutes(8));
        ObjectNode first = feed.publish(List.of(RawSeries.delta(key, later, 100)));
        feed.awaitProcessed(first);
        feed.apply(List.of(RawSeries.delta(key, minute, 1, 2, 3)));
        feed.apply(List.of(RawSeries.delta(key, minute, 10, 20)));
        // the same event again (a redelivery): the inbox recognises it, nothing is merged twice
        feed.publish(first);
        feed.apply(List.of(RawSeries.delta(key, minute, 4)));

        assertThat(window(key, "1m", minute).path("count").asLong()).isEqualTo(6);
        assertThat(window(key, "1m", minute).path("sum").asDouble()).isEqualTo(40);
        assertThat(window(key, "1m", later).path("count").asLong()).isEqualTo(1);
        for (String resolution : List.of("1h", "1d")) {
            JsonNode coarse = window(key, resolution, HOUR);
            assertThat(coarse.path("count").asLong()).as(resolution).isEqualTo(7);
            assertThat(coarse.path("sum").asDouble()).as(resolution).isEqualTo(140);
            assertThat(coarse.path("max").asDouble()).as(resolution).isEqualTo(100);
        }
        assertThat(feed.count("SELECT revision FROM metric_window WHERE series_id = ? AND resolution = '1h'", key.id()))
                .isEqualTo(4);
    }

    @Test
    void aBurstOfEventsIsMergedTogetherPerPartitionIntoTheSameWindowsWithFewerWrites() throws Exception {
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("burst"), Map.of("instance", "a"));
        SeriesKey other = key;
        for (int i = 0; MetricPartitions.of(other.id()) == MetricPartitions.of(key.id()); i++) {
            other = SeriesKey.of(key.metric(), Map.of("instance", "b" + i));
        }
        int events = 8;
        List<ObjectNode> published = new ArrayList<>();
        // the burst arrives while the read model is busy: the windows stay locked until every event has been
        // delivered, so the events behind each partition's first one queue up, whatever this machine's speed
        try (Connection busy = dataSource.getConnection()) {
            busy.setAutoCommit(false);
            try (Statement lock = busy.createStatement()) {
                lock.execute("LOCK TABLE metric_window IN SHARE ROW EXCLUSIVE MODE");
            }
            for (int i = 0; i < events; i++) {
                // two collectors' consecutive batches, in two partitions: a new minute of the same hour each
                Instant minute = HOUR.plus(Duration.ofMinutes(i));
                published.add(feed.publish(List.of(RawSeries.delta(key, minute, i, 10 * i))));
                published.add(feed.publish(List.of(RawSeries.delta(other, minute, 1))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.bus().depth(QUEUE) == 0);
            busy.rollback();
        }
        published.forEach(feed::awaitProcessed);

        for (int i = 0; i < events; i++) {
            JsonNode minute = window(key, "1m", HOUR.plus(Duration.ofMinutes(i)));
            assertThat(minute.path("count").asLong()).isEqualTo(2);
            assertThat(minute.path("sum").asDouble()).isEqualTo(11 * i);
        }
        for (String resolution : List.of("1h", "1d")) {
            JsonNode coarse = window(key, resolution, HOUR);
            assertThat(coarse.path("count").asLong()).as(resolution).isEqualTo(2 * events);
            assertThat(coarse.path("sum").asDouble()).as(resolution).isEqualTo(11 * (events - 1) * events / 2);
            assertThat(coarse.path("max").asDouble()).as(resolution).isEqualTo(10 * (events - 1));
        }
        // one by one, each hour would have been written once per event; merged together, fewer times
        for (SeriesKey series : List.of(key, other)) {
            assertThat(feed.count("SELECT revision FROM metric_window WHERE series_id = ? AND resolution = '1h'",
                    series.id())).isLessThan(events);
        }
        assertThat(feed.count("SELECT count FROM metric_window WHERE series_id = ? AND resolution = '1h'", other.id()))
                .isEqualTo(events);
    }

    @Test
    void eventsThatCanNeverBeAppliedAreDeadLetteredWithTheirReasonAndTheNextOnesApplied() {
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("poison"), Map.of());
        MetricSeriesDeltas good = RawSeries.delta(key, HOUR, 5);
        SeriesKey other = SeriesKey.of(key.metric(), Map.of("instance", "other"));
        MinuteDelta goodMinute = good.minutes().get(0);
        List<MetricSeriesDeltas> faulty = List.of(
                new MetricSeriesDeltas(other.id().toString(), key.metric(), key.labels(), good.histogramBounds(),
                        good.minutes()),
                RawSeries.delta(key, HOUR.plusSeconds(30), 1),
                RawSeries.delta(key, Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1),
                RawSeries.deltas(key, List.of(new MinuteDelta(HOUR, 1, "bm90IGEgc3RhdGU="))),
                RawSeries.deltas(key, List.of(new MinuteDelta(HOUR, 2, goodMinute.state()))));
        faulty.forEach(series -> feed.publish(List.of(series)));
        ObjectNode fullStates = TestBus.envelope(MessageType.METRIC_WINDOWS_UPDATED.typeName(),
                Map.of("windows", List.of(), "updated_at", Instant.now().toString()));
        fullStates.put("version", 1);
        feed.publish(fullStates);
        feed.apply(List.of(good));

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            dead.addAll(feed.bus().drainRaw(MetricFeed.DLQ));
            return dead.stream().filter(m -> m.body().contains(key.metric())).count() == faulty.size()
                    && dead.stream().anyMatch(m -> m.body().contains(fullStates.path("message_id").asText()));
        });
        assertThat(dead).extracting(m -> m.header("x-whalefall-dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("series[0] has series_id " + other.id()))
                .anySatisfy(reason -> assertThat(reason).contains("series[0].minutes[0] starts at")
                        .contains("not on a whole minute"))
                .anySatisfy(reason -> assertThat(reason).contains("max-window-ahead"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown window state format"))
                .anySatisfy(reason -> assertThat(reason).contains("a state of 1 points but a count of 2"))
                .anySatisfy(reason -> assertThat(reason).contains("version 1 carries full window states"));
        assertThat(window(key, "1m", HOUR).path("count").asLong()).isEqualTo(1);
        assertThat(series(Map.of("metric", key.metric())).path("items")).hasSize(1);
    }

    @Test
    void windowsAlreadyOutsideTheirRetentionAreSkipped() throws Exception {
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("expired"), Map.of());
        Instant old = Instant.now().minus(Duration.ofDays(9)).truncatedTo(ChronoUnit.HOURS);
        feed.apply(List.of(RawSeries.delta(key, old, 3)));

        assertThat(feed.count("SELECT count(*) FROM metric_window WHERE series_id = ? AND resolution = '1m'", key.id()))
                .isZero();
        JsonNode hour = windows(Map.of("metric", key.metric(), "window", "1h", "from", old.toString(),
                "to", old.plus(Duration.ofHours(1)).toString()));
        assertThat(hour.path("groups").get(0).path("windows").get(0).path("count").asLong()).isEqualTo(1);
    }

    @Test
    void retentionDropsWholePartitionsAndForgetsSeriesWithoutWindows() {
        // the last hour of the month that holds "80 days ago": old, but still within the 90 days of hourly windows
        Instant monthEnd = YearMonth.from(Instant.now().minus(Duration.ofDays(80)).atOffset(ZoneOffset.UTC)).plusMonths(1)
                .atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant lastHour = monthEnd.minus(Duration.ofHours(1));
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("retention"), Map.of());
        feed.apply(List.of(RawSeries.delta(key, lastHour, 8)));
        Map<String, String> query = Map.of("metric", key.metric(), "window", "2h", "from",
                lastHour.minus(Duration.ofHours(1)).toString(), "to", monthEnd.toString());
        assertThat(hourCounts(query)).containsExactly(1L);

        // 90 days after the month ended, its partition goes as a whole
        partitions.maintain(Resolution.HOUR, monthEnd.plus(Duration.ofDays(90)));
        assertThat(hourCounts(query)).containsExactly(0L);

        // a window that arrives for a month without a partition gets one created
        feed.apply(List.of(RawSeries.delta(key, lastHour.minus(Duration.ofHours(1)), 5, 6)));
        assertThat(hourCounts(query)).containsExactly(2L);

        // once no window can be younger than the longest retention, the series itself is forgotten
        assertThat(series(Map.of("metric", key.metric())).path("total").asInt()).isEqualTo(1);
        partitions.forgetSeriesWithoutWindows(monthEnd.plus(Duration.ofDays(730)));
        assertThat(series(Map.of("metric", key.metric())).path("total").asInt()).isZero();
    }

    @Test
    void theSeriesListIsPagedAndFilteredByMetricAndLabels() {
        String metric = Points.uniqueMetric("listed");
        List<MetricSeriesDeltas> deltas = new ArrayList<>();
        for (String instance : List.of("i1", "i2", "i3")) {
            for (String db : List.of("a", "b")) {
                deltas.add(RawSeries.delta(SeriesKey.of(metric, Map.of("instance", instance, "db", db)), HOUR, 1));
            }
        }
        feed.apply(deltas);

        JsonNode first = series(Map.of("metric", metric, "limit", "4"));
        assertThat(first.path("total").asInt()).isEqualTo(6);
        assertThat(first.path("pages").asInt()).isEqualTo(2);
        assertThat(first.path("has_next").asBoolean()).isTrue();
        assertThat(first.path("items")).hasSize(4);
        JsonNode item = first.path("items").get(0);
        SeriesKey firstKey = SeriesKey.of(metric, Map.of("instance", "i1", "db", "a"));
        assertThat(item.path("series_id").asText()).isEqualTo(firstKey.id().toString());
        assertThat(item.path("name").asText()).isEqualTo(firstKey.canonical());
        assertThat(TestJson.labels(item.path("labels"))).isEqualTo(Map.of("instance", "i1", "db", "a"));
        assertThat(item.path("histogram_bounds").asText()).isEqualTo(RawSeries.BOUNDS.toString());
        assertThat(item.path("last_window_start").asText()).isEqualTo(HOUR.toString());
        assertThat(series(Map.of("metric", metric, "limit", "4", "page", "2")).path("items")).hasSize(2);

        JsonNode filtered = series(Map.of("metric", metric, "label.db", "b"));
        assertThat(filtered.path("total").asInt()).isEqualTo(3);
        assertThat(filtered.path("items")).allSatisfy(s -> assertThat(s.path("labels").path("db").asText()).isEqualTo("b"));
        assertThat(series(Map.of("label.instance", "i2", "label.db", "a", "metric", metric)).path("items")).singleElement()
                .satisfies(s -> assertThat(s.path("name").asText()).contains("instance=\"i2\""));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The stored window of {@code key} at {@code resolution} starting at {@code start}, as the API returns it. */
    private static JsonNode window(SeriesKey key, String resolution, Instant start) {
        JsonNode data = windows(Map.of("metric", key.metric(), "window", resolution, "from", start.toString(),
                "to", start.plus(Resolution.ofCode(resolution).size()).toString()));
        return data.path("groups").get(0).path("windows").get(0);
    }

    private static List<Long> hourCounts(Map<String, String> query) {
        List<Long> counts = new ArrayList<>();
        windows(query).path("groups").get(0).path("windows").forEach(w -> counts.add(w.path("count").asLong()));
        return counts;
    }
}
