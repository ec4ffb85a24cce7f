package io.whalefall.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.windows.SeriesKey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Metric points for the window benchmark, generated once (seeded) and held ready to send: REST bodies for
 * {@code POST /api/v1/metrics/points} and the same rows as CSV for the COPY baseline. Points come in time
 * order, one point per series and minute, as collectors scrape; values are latencies around a per-series
 * level with multiplicative noise and rare spikes, so quantiles are not trivial.
 */
final class MetricPointData {

    final String metric;
    final List<SeriesKey> series = new ArrayList<>();
    final List<byte[]> restBatches = new ArrayList<>();
    final List<byte[]> csvChunks = new ArrayList<>();
    final Instant from;
    final Instant to;
    long points;

    private MetricPointData(String metric, Instant from, Instant to) {
        this.metric = metric;
        this.from = from;
        this.to = to;
    }

    /**
     * {@code instances × databases} series of {@code metric} with labels {@code instance} and {@code database},
     * one point per minute over the {@code minutes} before {@code end} (exclusive), in REST batches of at most
     * {@code batchSize} points.
     */
    static MetricPointData generate(String metric, int instances, int databases, int minutes, Instant end,
            int batchSize, long seed, ObjectMapper json) {
        Instant last = end.truncatedTo(ChronoUnit.MINUTES);
        MetricPointData data = new MetricPointData(metric, last.minus(Duration.ofMinutes(minutes)), last);
        SplittableRandom random = new SplittableRandom(seed);
        double[] level = new double[instances * databases];
        for (int i = 0; i < instances; i++) {
            for (int d = 0; d < databases; d++) {
                level[data.series.size()] = 2 + random.nextDouble() * 48;
                data.series.add(SeriesKey.of(metric, Map.of("instance", String.format("i-%03d", i),
                        "database", String.format("db-%02d", d))));
            }
        }
        List<Map<String, Object>> batch = new ArrayList<>(batchSize);
        CsvChunks csv = new CsvChunks();
        for (int minute = 0; minute < minutes; minute++) {
            for (int s = 0; s < data.series.size(); s++) {
                // spread the series over the minute, as scrapes are
                Instant timestamp = data.from.plusSeconds(60L * minute + s % 60);
                double noise = Math.exp(random.nextGaussian() * 0.3);
                double value = Math.round(level[s] * noise * (random.nextDouble() < 0.01 ? 10 : 1) * 1000) / 1000.0;
                SeriesKey series = data.series.get(s);
                Map<String, String> labels = series.labels();
                batch.add(Map.of("metric", metric, "labels", labels, "timestamp", timestamp.toString(), "value", value));
                data.points++;
                csv.row().append(series.id()).append(',').append(timestamp).append(',').append(metric)
                        .append(",\"{\"\"instance\"\": \"\"").append(labels.get("instance"))
                        .append("\"\", \"\"database\"\": \"\"").append(labels.get("database")).append("\"\"}\",")
                        .append(value).append('\n');
                if (batch.size() == batchSize) {
                    data.restBatches.add(SampleData.body(json, Map.of("points", batch)));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            data.restBatches.add(SampleData.body(json, Map.of("points", batch)));
        }
        data.csvChunks.addAll(csv.finish());
        return data;
    }
}
