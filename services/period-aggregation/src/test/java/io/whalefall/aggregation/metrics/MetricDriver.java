package io.whalefall.aggregation.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.contracts.metrics.MetricPoint;
import io.whalefall.contracts.metrics.MetricPointsIngested;
import io.whalefall.contracts.metrics.MetricSeriesDeltas;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.contracts.metrics.MinuteDelta;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.testing.TestBus;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;

import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Drives the window engine as stats-ingestion does, with {@code MetricPointsIngested} events on the bus,
 * and reads back what it stored and announced. Every test works on series of its own (a unique {@code run}
 * label).
 */
final class MetricDriver {

    private final TestBus bus;
    private final Jdbc jdbc;
    /** Receives every MetricWindowsUpdated published from the driver's creation on. */
    private final String updates;
    /** The minute deltas announced so far, by series id. */
    private final Map<String, List<AnnouncedDelta>> announced = new HashMap<>();

    MetricDriver(TestBus bus, AgroalDataSource dataSource) {
        this.bus = bus;
        this.jdbc = new Jdbc(dataSource);
        this.updates = bus.tap("whalefall.events", "metrics.windows-updated.#");
    }

    /** A series no other test uses. */
    static SeriesKey newSeries(String metric) {
        return SeriesKey.of(metric, Map.of("run", UUID.randomUUID().toString(), "instance", "db-1"));
    }

    /** Start of yesterday (UTC): a whole day of windows, well inside every retention. */
    static Instant yesterday() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
    }

    /** Publishes the points as a one-part batch and waits until the engine has applied it. */
    UUID ingest(SeriesKey series, List<RawPoint> points) {
        UUID batchId = UUID.randomUUID();
        awaitProcessed(publish(batchId, 1, 1, series, points));
        return batchId;
    }

    /** Publishes one part of a batch; returns the message id. */
    String publish(UUID batchId, int part, int parts, SeriesKey series, List<RawPoint> points) {
        return publish(TestBus.envelope("MetricPointsIngested", batch(batchId, part, parts, series, points)), series);
    }

    /** Publishes an envelope of {@code series}' points in the series' partition, as stats-ingestion does; returns its message id. */
    String publish(ObjectNode envelope, SeriesKey series) {
        return publishWithRoutingKey(envelope, MetricPartitions.routingKey(MessageType.METRIC_POINTS_INGESTED, MetricPartitions.of(series.id())));
    }

    /** Publishes an envelope with the given routing key; returns its message id. */
    String publishWithRoutingKey(ObjectNode envelope, String routingKey) {
        bus.publish("whalefall.events", routingKey, envelope);
        return envelope.path("message_id").asText();
    }

    /** The queue of {@code series}' partition. */
    static String queueOf(SeriesKey series) {
        return "period-aggregation.metrics." + MetricPartitions.of(series.id());
    }

    static MetricPointsIngested batch(UUID batchId, int part, int parts, SeriesKey series, List<RawPoint> points) {
        List<MetricPoint> contract = points.stream()
                .map(p -> new MetricPoint(series.metric(), series.labels(), p.timestamp(), p.value())).toList();
        return new MetricPointsIngested(batchId, part, parts, contract, Instant.now());
    }

    /** Waits until the message is processed and what its transaction announced has left the outbox. */
    void awaitProcessed(String messageId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !rows("SELECT 1 FROM processed_message WHERE message_id = ?::uuid", messageId).isEmpty()
                        && rows("SELECT 1 FROM outbox_message LIMIT 1").isEmpty());
    }

    /**
     * The windows of a series at a resolution, by start, as query-api builds them: every minute delta
     * announced so far merged into the window of that resolution that holds its minute.
     */
    Map<Instant, Window> windows(Resolution resolution, SeriesKey series) {
        readAnnounced();
        Map<Instant, List<AnnouncedDelta>> byWindow = new TreeMap<>();
        announced.getOrDefault(series.id().toString(), List.of()).forEach(delta -> byWindow
                .computeIfAbsent(resolution.windowStart(delta.minute()), start -> new ArrayList<>()).add(delta));
        Map<Instant, Window> windows = new TreeMap<>();
        byWindow.forEach((start, deltas) -> windows.put(start, new Window(start,
                deltas.stream().map(AnnouncedDelta::causationId).distinct().count(),
                WindowState.mergeAll(deltas.get(0).state().bounds(),
                        deltas.stream().map(AnnouncedDelta::state).toList()))));
        return windows;
    }

    private void readAnnounced() {
        for (TestBus.Received event : bus.drain(updates)) {
            String causationId = event.body().path("causation_id").asText();
            MetricWindowsUpdated update = TestBus.JSON.convertValue(event.payload(), MetricWindowsUpdated.class);
            for (MetricSeriesDeltas series : update.series()) {
                HistogramBounds bounds = HistogramBounds.parse(series.histogramBounds());
                for (MinuteDelta minute : series.minutes()) {
                    announced.computeIfAbsent(series.seriesId(), id -> new ArrayList<>()).add(new AnnouncedDelta(
                            causationId, minute.windowStart(),
                            WindowState.decode(Base64.getDecoder().decode(minute.state()), bounds)));
                }
            }
        }
    }

    /** The series' row in metric_series. */
    Map<String, Object> seriesRow(SeriesKey series) {
        List<Map<String, Object>> rows = rows("SELECT * FROM metric_series WHERE series_id = ?", series.id());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The series' late points, oldest first. */
    List<Map<String, Object>> latePoints(SeriesKey series) {
        return rows("SELECT * FROM late_metric_point WHERE series_id = ? ORDER BY ts", series.id());
    }

    /** Rows of a query as column → value maps (timestamps as OffsetDateTime). */
    List<Map<String, Object>> rows(String sql, Object... parameters) {
        return jdbc.list(sql, Arrays.asList(parameters), rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                boolean timestamp = "timestamptz".equals(meta.getColumnTypeName(c));
                row.put(meta.getColumnName(c), timestamp ? rs.getObject(c, OffsetDateTime.class) : rs.getObject(c));
            }
            return row;
        });
    }

    /**
     * A raw point of a test series.
     *
     * @param timestamp when (to the microsecond, as ingestion stores it)
     * @param value     the value
     */
    record RawPoint(Instant timestamp, double value) {
    }

    /**
     * A window built from the announced deltas.
     *
     * @param batches how many batches changed it (distinct causes of the deltas merged into it)
     */
    record Window(Instant start, long batches, WindowState state) {

        long count() {
            return state.count();
        }
    }

    /** A minute delta as announced, with the id of the message whose batch it came from. */
    private record AnnouncedDelta(String causationId, Instant minute, WindowState state) {
    }
}
