package io.whalefall.ingestion.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPoint;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.contracts.metrics.MetricPointsCollected;
import io.whalefall.contracts.metrics.MetricPointsIngested;
import io.whalefall.ingestion.stats.InvalidBatchException;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.windows.SeriesKeyCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accepts a batch of metric points, whether it came over REST or the bus: validates every point, stores
 * the new ones and announces them with {@code MetricPointsIngested}, all in one transaction, so a batch is
 * either stored and announced entirely or not at all.
 */
@ApplicationScoped
public class MetricIngestion {

    private final MetricPointValidator validator;
    private final MetricPointStore store;
    private final Outbox outbox;
    private final MetricIngestionConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final SeriesKeyCache seriesKeys;
    private final Counter storedPoints;
    private final Counter duplicatePoints;

    public MetricIngestion(MetricPointValidator validator, MetricPointStore store, Outbox outbox,
            MetricIngestionConfig config, TransactionSynchronizationRegistry transactions, MeterRegistry registry) {
        this.validator = validator;
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.transactions = transactions;
        this.seriesKeys = new SeriesKeyCache(config.seriesCacheSize());
        this.storedPoints = Counter.builder("whalefall.metric.points.ingested").tag("outcome", "stored")
                .description("Metric points newly stored").register(registry);
        this.duplicatePoints = Counter.builder("whalefall.metric.points.ingested").tag("outcome", "duplicate")
                .description("Metric points received again and not stored twice").register(registry);
    }

    /**
     * Ingests a batch.
     *
     * @throws InvalidBatchException when any point is invalid; then nothing is stored
     */
    @Transactional
    public MetricIngestionReport ingest(MetricPointsCollected batch) {
        Instant now = Instant.now();
        validator.validate(batch, now);
        List<IngestedPoint> points = batch.points().stream().map(point -> IngestedPoint.of(point, seriesKeys)).toList();
        List<IngestedPoint> stored = store.store(points);
        UUID batchId = UUID.randomUUID();
        announce(batchId, stored, now);
        countAfterCommit(stored.size(), points.size() - stored.size());
        return new MetricIngestionReport(batchId, points.size(), stored.size(), points.size() - stored.size());
    }

    /** Counts only committed batches: a batch retried after a failure must not be counted twice. */
    private void countAfterCommit(int stored, int duplicates) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    storedPoints.increment(stored);
                    duplicatePoints.increment(duplicates);
                }
            }
        });
    }

    /**
     * Publishes the new points in parts of bounded size, each within one partition of series
     * ({@link MetricPartitions}: consumers apply the partitions side by side). Points are ordered by series
     * and time first, so each part touches few series and few windows downstream.
     */
    private void announce(UUID batchId, List<IngestedPoint> stored, Instant now) {
        if (stored.isEmpty()) {
            return;
        }
        Map<Integer, List<MetricPoint>> byPartition = stored.stream()
                .sorted(Comparator.comparing(IngestedPoint::seriesId).thenComparing(IngestedPoint::timestamp))
                .collect(Collectors.groupingBy(point -> MetricPartitions.of(point.seriesId()), TreeMap::new,
                        Collectors.mapping(IngestedPoint::toContract, Collectors.toList())));
        int size = config.pointsPerEvent();
        int parts = byPartition.values().stream().mapToInt(points -> (points.size() + size - 1) / size).sum();
        List<OutgoingMessage> messages = new ArrayList<>(parts);
        byPartition.forEach((partition, points) -> {
            for (int from = 0; from < points.size(); from += size) {
                List<MetricPoint> slice = points.subList(from, Math.min(from + size, points.size()));
                messages.add(OutgoingMessage.of(MessageType.METRIC_POINTS_INGESTED,
                        new MetricPointsIngested(batchId, messages.size() + 1, parts, slice, now), batchId.toString())
                        .routedTo(MetricPartitions.routingKey(MessageType.METRIC_POINTS_INGESTED, partition)));
            }
        });
        outbox.addAll(messages);
    }
}
