package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.metrics.MetricWindow;
import io.whalefall.query.QueryTestResource;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * The read model built from {@code MetricWindowsUpdated}: the highest revision wins, faulty events are
 * dead-lettered with their reason, retention drops whole partitions and forgets series, and the series list.
 */
@QuarkusTest
@QueryTestResource
class MetricWindowReadModelTest {

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
    void theHighestRevisionOfAWindowWinsWhateverOrderTheEventsArriveIn() {
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("revisions"), Map.of("instance", "a"));
        Instant minute = HOUR.plus(Duration.ofMinutes(7));
        feed.apply(List.of(window(key, minute, 2, 1, 2, 3)));
        // a late copy of an older state changes nothing
        feed.apply(List.of(window(key, minute, 1, 100, 200, 300, 400)));
        assertThat(minuteWindow(key, minute).path("sum").asDouble()).isEqualTo(6);
        assertThat(minuteWindow(key, minute).path("count").asLong()).isEqualTo(3);

        // a newer one replaces it, even within one event that also carries an older copy
        feed.apply(List.of(window(key, minute, 2, 7), window(key, minute, 4, 10, 20), window(key, minute, 3, 5)));
        assertThat(minuteWindow(key, minute).path("sum").asDouble()).isEqualTo(30);
        assertThat(minuteWindow(key, minute).path("max").asDouble()).isEqualTo(20);
    }

    @Test
    void eventsThatCanNeverBeAppliedAreDeadLetteredWithTheirReasonAndTheNextOnesApplied() {
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("poison"), Map.of());
        MetricWindow good = window(key, HOUR, 1, 5);
        SeriesKey other = SeriesKey.of(key.metric(), Map.of("instance", "other"));
        List<MetricWindow> faulty = List.of(
                copyWithSeriesId(good, other.id().toString()),
                RawSeries.window(key, Resolution.MINUTE, HOUR.plusSeconds(30), 1, WindowState.of(RawSeries.BOUNDS, 1)),
                RawSeries.window(key, Resolution.MINUTE, Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES),
                        1, WindowState.of(RawSeries.BOUNDS, 1)),
                copyWithState(good, "bm90IGEgc3RhdGU="));
        faulty.forEach(window -> feed.publish(List.of(window)));
        feed.apply(List.of(good));

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            dead.addAll(feed.bus().drainRaw(MetricFeed.DLQ));
            return dead.stream().filter(m -> m.body().contains(key.metric())).count() == faulty.size();
        });
        assertThat(dead).filteredOn(m -> m.body().contains(key.metric()))
                .extracting(m -> m.header("x-whalefall-dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("windows[0] has series_id " + other.id()))
                .anySatisfy(reason -> assertThat(reason).contains("not at the start of a 1m window"))
                .anySatisfy(reason -> assertThat(reason).contains("max-window-ahead"))
                .anySatisfy(reason -> assertThat(reason).contains("windows[0]"));
        assertThat(minuteWindow(key, HOUR).path("count").asLong()).isEqualTo(1);
        assertThat(series(Map.of("metric", key.metric())).path("items")).hasSize(1);
    }

    @Test
    void windowsAlreadyOutsideTheirRetentionAreSkipped() throws Exception {
        SeriesKey key = SeriesKey.of(Points.uniqueMetric("expired"), Map.of());
        Instant old = Instant.now().minus(Duration.ofDays(9)).truncatedTo(ChronoUnit.HOURS);
        feed.apply(List.of(
                RawSeries.window(key, Resolution.MINUTE, old, 1, WindowState.of(RawSeries.BOUNDS, 3)),
                RawSeries.window(key, Resolution.HOUR, old, 1, WindowState.of(RawSeries.BOUNDS, 3))));

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
        feed.apply(List.of(RawSeries.window(key, Resolution.HOUR, lastHour, 1, WindowState.of(RawSeries.BOUNDS, 8))));
        Map<String, String> query = Map.of("metric", key.metric(), "window", "2h", "from",
                lastHour.minus(Duration.ofHours(1)).toString(), "to", monthEnd.toString());
        assertThat(hourCounts(query)).containsExactly(1L);

        // 90 days after the month ended, its partition goes as a whole
        partitions.maintain(Resolution.HOUR, monthEnd.plus(Duration.ofDays(90)));
        assertThat(hourCounts(query)).containsExactly(0L);

        // a window that arrives for a month without a partition gets one created
        feed.apply(List.of(RawSeries.window(key, Resolution.HOUR, lastHour.minus(Duration.ofHours(1)), 1,
                WindowState.of(RawSeries.BOUNDS, 5, 6))));
        assertThat(hourCounts(query)).containsExactly(2L);

        // once no window can be younger than the longest retention, the series itself is forgotten
        assertThat(series(Map.of("metric", key.metric())).path("total").asInt()).isEqualTo(1);
        partitions.forgetSeriesWithoutWindows(monthEnd.plus(Duration.ofDays(730)));
        assertThat(series(Map.of("metric", key.metric())).path("total").asInt()).isZero();
    }

    @Test
    void theSeriesListIsPagedAndFilteredByMetricAndLabels() {
        String metric = Points.uniqueMetric("listed");
        List<MetricWindow> windows = new ArrayList<>();
        for (String instance : List.of("i1", "i2", "i3")) {
            for (String db : List.of("a", "b")) {
                windows.add(window(SeriesKey.of(metric, Map.of("instance", instance, "db", db)), HOUR, 1, 1));
            }
        }
        feed.apply(windows);

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

    /** A minute window of {@code key} at {@code revision} holding {@code values}. */
    private static MetricWindow window(SeriesKey key, Instant start, long revision, double... values) {
        return RawSeries.window(key, Resolution.MINUTE, start, revision, WindowState.of(RawSeries.BOUNDS, values));
    }

    private static JsonNode minuteWindow(SeriesKey key, Instant minute) {
        JsonNode data = windows(Map.of("metric", key.metric(), "window", "1m", "from", minute.toString(),
                "to", minute.plus(Duration.ofMinutes(1)).toString()));
        return data.path("groups").get(0).path("windows").get(0);
    }

    private static List<Long> hourCounts(Map<String, String> query) {
        List<Long> counts = new ArrayList<>();
        windows(query).path("groups").get(0).path("windows").forEach(w -> counts.add(w.path("count").asLong()));
        return counts;
    }

    private static MetricWindow copyWithSeriesId(MetricWindow w, String seriesId) {
        return new MetricWindow(seriesId, w.metric(), w.labels(), w.resolution(), w.windowStart(), w.revision(), w.count(),
                w.sum(), w.min(), w.max(), w.mean(), w.histogramBounds(), w.state());
    }

    private static MetricWindow copyWithState(MetricWindow w, String state) {
        return new MetricWindow(w.seriesId(), w.metric(), w.labels(), w.resolution(), w.windowStart(), w.revision(),
                w.count(), w.sum(), w.min(), w.max(), w.mean(), w.histogramBounds(), state);
    }
}
