package io.whalefall.aggregation.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.contracts.metrics.MetricPoint;
import io.whalefall.contracts.metrics.MetricPointsIngested;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Drives the window engine as stats-ingestion does, with {@code MetricPointsIngested} events on the bus,
 * and reads back what it stored. Every test works on series of its own (a unique {@code run} label).
 */
final class MetricDriver {

    private final TestBus bus;
    private final Jdbc jdbc;

    MetricDriver(TestBus bus, AgroalDataSource dataSource) {
        this.bus = bus;
        this.jdbc = new Jdbc(dataSource);
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
        return publishWithRoutingKey(envelope, MetricPartitions.routingKey(MetricPartitions.of(series.id())));
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

    void awaitProcessed(String messageId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !rows("SELECT 1 FROM processed_message WHERE message_id = ?::uuid", messageId).isEmpty());
    }

    /** The stored windows of a series at a resolution, by start. */
    Map<Instant, StoredWindow> windows(Resolution resolution, SeriesKey series) {
        HistogramBounds bounds = HistogramBounds.parse(seriesRow(series).get("histogram_bounds").toString());
        Map<Instant, StoredWindow> windows = new TreeMap<>();
        for (Map<String, Object> row : rows("SELECT * FROM " + WindowTables.of(resolution).name()
                + " WHERE series_id = ? ORDER BY window_start", series.id())) {
            Instant start = ((OffsetDateTime) row.get("window_start")).toInstant();
            windows.put(start, new StoredWindow(start, (Long) row.get("revision"), (Long) row.get("count"),
                    (Double) row.get("sum"), (Double) row.get("min"), (Double) row.get("max"), (Double) row.get("mean"),
                    WindowState.decode((byte[]) row.get("state"), bounds)));
        }
        return windows;
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

    /** A stored window row with its decoded state. */
    record StoredWindow(Instant start, long revision, long count, double sum, double min, double max, double mean,
            WindowState state) {
    }
}
