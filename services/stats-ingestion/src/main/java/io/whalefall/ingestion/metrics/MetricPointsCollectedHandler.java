package io.whalefall.ingestion.metrics;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPointsCollected;
import io.whalefall.ingestion.stats.InvalidBatchException;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

/** Accepts metric point batches published on the bus exactly as the REST endpoint does. */
@ApplicationScoped
public class MetricPointsCollectedHandler implements MessageHandler<MetricPointsCollected> {

    private final MetricIngestion ingestion;

    public MetricPointsCollectedHandler(MetricIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public MessageType type() {
        return MessageType.METRIC_POINTS_COLLECTED;
    }

    @Override
    public void handle(Envelope<MetricPointsCollected> message) {
        try {
            ingestion.ingest(message.payload());
        } catch (InvalidBatchException e) {
            throw new PoisonMessageException("invalid batch: " + e.getMessage());
        }
    }
}
