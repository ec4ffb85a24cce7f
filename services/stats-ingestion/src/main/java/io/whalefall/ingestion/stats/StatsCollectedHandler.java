package io.whalefall.ingestion.stats;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.stats.StatsCollected;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

/** Accepts collector batches published on the bus exactly as the REST endpoint does. */
@ApplicationScoped
public class StatsCollectedHandler implements MessageHandler<StatsCollected> {

    private final StatsIngestion ingestion;

    public StatsCollectedHandler(StatsIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public MessageType type() {
        return MessageType.STATS_COLLECTED;
    }

    @Override
    public void handle(Envelope<StatsCollected> message) {
        try {
            ingestion.ingest(message.payload());
        } catch (InvalidBatchException e) {
            throw new PoisonMessageException("invalid batch: " + e.getMessage());
        }
    }
}
