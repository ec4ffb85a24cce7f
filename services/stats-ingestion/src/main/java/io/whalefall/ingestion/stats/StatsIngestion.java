package io.whalefall.ingestion.stats;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.contracts.stats.StatsCollected;
import io.whalefall.contracts.stats.StatsIngested;
import io.whalefall.ingestion.IngestionConfig;
import io.whalefall.ingestion.instance.InstanceService;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a collector batch, whether it came over REST or the bus: validates every row, stores the new
 * samples and announces them with {@code StatsIngested}, all in one transaction. The event carries the
 * samples as columns: it is written once per part here and read once in period-aggregation, and per-sample
 * objects made those two steps most of the JSON work of a batch.
 */
@ApplicationScoped
public class StatsIngestion {

    private final StatsValidator validator;
    private final SampleStore store;
    private final InstanceService instances;
    private final Outbox outbox;
    private final IngestionConfig config;

    public StatsIngestion(StatsValidator validator, SampleStore store, InstanceService instances, Outbox outbox,
            IngestionConfig config) {
        this.validator = validator;
        this.store = store;
        this.instances = instances;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Ingests a batch.
     *
     * @throws InvalidBatchException when any row is invalid; then nothing is stored
     */
    @Transactional
    public IngestionReport ingest(StatsCollected batch) {
        validator.validate(batch, instances::registered);
        List<DatabaseSizeSample> databases = batch.databases() == null ? List.of()
                : batch.databases().stream().map(StatsIngestion::truncated).toList();
        List<InstanceSizeSample> instanceSamples = batch.instances() == null ? List.of()
                : batch.instances().stream().map(StatsIngestion::truncated).toList();
        List<DatabaseSizeSample> storedDatabases = store.storeDatabases(databases);
        List<InstanceSizeSample> storedInstances = store.storeInstances(instanceSamples);
        UUID batchId = UUID.randomUUID();
        announce(batchId, storedDatabases, storedInstances);
        return new IngestionReport(batchId, IngestionReport.Counts.of(databases.size(), storedDatabases.size()),
                IngestionReport.Counts.of(instanceSamples.size(), storedInstances.size()));
    }

    /** Publishes the new samples in parts of bounded size, so no message grows without limit. */
    private void announce(UUID batchId, List<DatabaseSizeSample> databases, List<InstanceSizeSample> instanceSamples) {
        int size = config.samplesPerEvent();
        int total = databases.size() + instanceSamples.size();
        if (total == 0) {
            return;
        }
        int parts = (total + size - 1) / size;
        Instant now = Instant.now();
        List<OutgoingMessage> messages = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = part * size;
            int to = Math.min(from + size, total);
            DatabaseSampleColumns dbPart = DatabaseSampleColumns.of(slice(databases, from, to, 0));
            InstanceSampleColumns instancePart = InstanceSampleColumns.of(slice(instanceSamples, from, to,
                    databases.size()));
            messages.add(OutgoingMessage.of(MessageType.STATS_INGESTED,
                    new StatsIngested(batchId, part + 1, parts, dbPart, instancePart, now), batchId.toString()));
        }
        outbox.addAll(messages);
    }

    /** The elements of {@code list} whose position in the concatenated sequence lies in {@code [from, to)}. */
    private static <T> List<T> slice(List<T> list, int from, int to, int offset) {
        int start = Math.max(from - offset, 0);
        int end = Math.min(to - offset, list.size());
        return start < end ? list.subList(start, end) : List.of();
    }

    /** PostgreSQL keeps microseconds; truncating first makes the event carry exactly what was stored. */
    private static DatabaseSizeSample truncated(DatabaseSizeSample s) {
        return new DatabaseSizeSample(s.instanceId(), s.databaseName(), s.sizeMb(), s.dataSizeMb(), s.logSizeMb(),
                micros(s.collectedAt()));
    }

    private static InstanceSizeSample truncated(InstanceSizeSample s) {
        return new InstanceSizeSample(s.instanceId(), s.totalSizeMb(), s.databaseCount(), micros(s.collectedAt()));
    }

    private static OffsetDateTime micros(OffsetDateTime t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }
}
