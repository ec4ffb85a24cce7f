package io.whalefall.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.testing.CapacityDataGenerator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's samples, generated once (seeded) and held ready to send, so that timings measure the
 * system, not the generator: REST batches as JSON bodies and the same rows as CSV for the COPY baseline.
 */
final class SampleData {

    final CapacityDataGenerator generator;
    final List<byte[]> restBatches = new ArrayList<>();
    final List<byte[]> csvChunks = new ArrayList<>();
    final LocalDate from;
    final LocalDate to;
    long samples;

    private SampleData(CapacityDataGenerator generator, LocalDate from, LocalDate to) {
        this.generator = generator;
        this.from = from;
        this.to = to;
    }

    /** Samples of every instance and database, every day from {@code start}; one REST batch per day. */
    static SampleData generate(BenchSettings settings, long firstInstanceId, LocalDate start, ObjectMapper json) {
        CapacityDataGenerator generator = new CapacityDataGenerator(new CapacityDataGenerator.Settings(7, firstInstanceId,
                settings.instances(), settings.databases(), start, settings.days(), 0.0, 0.0, 0.0)
                .withFixedDatabases(settings.databases()));
        SampleData data = new SampleData(generator, start, start.plusDays(settings.days() - 1L));
        List<DatabaseSizeSample> batch = new ArrayList<>(settings.batchSize());
        StringBuilder csv = new StringBuilder(8 << 20);
        generator.generate((day, databases, instances) -> {
            for (DatabaseSizeSample sample : databases) {
                batch.add(sample);
                data.samples++;
                csv.append(sample.instanceId()).append(',').append(sample.databaseName()).append(',')
                        .append(sample.collectedAt()).append(',').append(sample.sizeMb()).append(',')
                        .append(sample.dataSizeMb()).append(',').append(sample.logSizeMb()).append('\n');
                if (batch.size() == settings.batchSize()) {
                    data.restBatches.add(body(json, batch));
                    batch.clear();
                }
            }
            if (csv.length() > (8 << 20) - 4096) {
                data.csvChunks.add(csv.toString().getBytes(StandardCharsets.UTF_8));
                csv.setLength(0);
            }
        });
        if (!batch.isEmpty()) {
            data.restBatches.add(body(json, batch));
        }
        data.csvChunks.add(csv.toString().getBytes(StandardCharsets.UTF_8));
        return data;
    }

    long restBytes() {
        return restBatches.stream().mapToLong(b -> b.length).sum();
    }

    private static byte[] body(ObjectMapper json, List<DatabaseSizeSample> batch) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 160);
            json.writeValue(out, Map.of("databases", batch));
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
