package io.whalefall.ingestion.stats;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.contracts.stats.StatsCollected;
import io.whalefall.contracts.stats.StatsIngested;
import io.whalefall.ingestion.IngestionConfig;
import io.whalefall.ingestion.instance.InstanceService;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
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
        // columns from here on: they are what is stored and what is announced, at PostgreSQL's microseconds
        DatabaseSampleColumns databases = DatabaseSampleColumns.of(
                batch.databases() == null ? List.of() : batch.databases());
        InstanceSampleColumns instanceSamples = InstanceSampleColumns.of(
                batch.instances() == null ? List.of() : batch.instances());
        DatabaseSampleColumns storedDatabases = store.storeDatabases(databases);
        InstanceSampleColumns storedInstances = store.storeInstances(instanceSamples);
        UUID batchId = UUID.randomUUID();
        announce(batchId, storedDatabases, storedInstances);
        return new IngestionReport(batchId, IngestionReport.Counts.of(databases.size(), storedDatabases.size()),
                IngestionReport.Counts.of(instanceSamples.size(), storedInstances.size()));
    }

    /** Publishes the new samples in parts of bounded size, so no message grows without limit. */
    private void announce(UUID batchId, DatabaseSampleColumns databases, InstanceSampleColumns instanceSamples) {
        int size = config.samplesPerEvent();
        int total = databases.size() + instanceSamples.size();
        if (total == 0) {
            return;
        }
        int parts = (total + size - 1) / size;
        Instant now = Instant.now();
        List<OutgoingMessage> messages = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            // a part takes the positions [from, to) of the database samples followed by the instance samples
            int from = part * size;
            int to = Math.min(from + size, total);
            int n = databases.size();
            DatabaseSampleColumns dbPart = databases.slice(Math.min(from, n), Math.min(to, n));
            InstanceSampleColumns instancePart = instanceSamples.slice(Math.max(from - n, 0), Math.max(to - n, 0));
            messages.add(OutgoingMessage.of(MessageType.STATS_INGESTED,
                    new StatsIngested(batchId, part + 1, parts, dbPart, instancePart, now), batchId.toString()));
        }
        outbox.addAll(messages);
    }
}
