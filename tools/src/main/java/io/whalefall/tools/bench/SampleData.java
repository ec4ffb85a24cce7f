package io.whalefall.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.testing.CapacityDataGenerator;

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
        CsvChunks csv = new CsvChunks();
        generator.generate((day, databases, instances) -> {
            for (DatabaseSizeSample sample : databases) {
                batch.add(sample);
                data.samples++;
                csv.row().append(sample.instanceId()).append(',').append(sample.databaseName()).append(',')
                        .append(sample.collectedAt()).append(',').append(sample.sizeMb()).append(',')
                        .append(sample.dataSizeMb()).append(',').append(sample.logSizeMb()).append('\n');
                if (batch.size() == settings.batchSize()) {
                    data.restBatches.add(body(json, Map.of("databases", batch)));
                    batch.clear();
                }
            }
        });
        if (!batch.isEmpty()) {
            data.restBatches.add(body(json, Map.of("databases", batch)));
        }
        data.csvChunks.addAll(csv.finish());
        return data;
    }

    long restBytes() {
        return restBatches.stream().mapToLong(b -> b.length).sum();
    }

    /** A REST body: the document as JSON bytes. */
    static byte[] body(ObjectMapper json, Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
