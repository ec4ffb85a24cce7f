package io.whalefall.aggregation.metrics;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPoint;
import io.whalefall.contracts.metrics.MetricPointsIngested;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.SeriesKeyCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Folds newly ingested metric points into the window states and announces the changed windows. */
@ApplicationScoped
public class MetricPointsIngestedHandler implements MessageHandler<MetricPointsIngested> {

    private final WindowEngine engine;
    private final WindowEvents events;
    private final SeriesKeyCache seriesKeys;

    public MetricPointsIngestedHandler(WindowEngine engine, WindowEvents events, MetricsConfig config) {
        this.engine = engine;
        this.events = events;
        this.seriesKeys = new SeriesKeyCache(config.seriesCacheSize());
    }

    @Override
    public MessageType type() {
        return MessageType.METRIC_POINTS_INGESTED;
    }

    @Override
    public void handle(Envelope<MetricPointsIngested> message) {
        MetricPointsIngested batch = message.payload();
        if (batch.batchId() == null) {
            throw new PoisonMessageException("batch_id is missing");
        }
        events.publish(message, engine.apply(batch.batchId(), points(batch)));
    }

    /** The batch's points with their series, or the reason the batch can never be applied. */
    private List<SeriesPoint> points(MetricPointsIngested batch) {
        if (batch.points() == null) {
            throw new PoisonMessageException("points are missing");
        }
        List<SeriesPoint> points = new ArrayList<>(batch.points().size());
        for (int i = 0; i < batch.points().size(); i++) {
            MetricPoint point = batch.points().get(i);
            String at = "points[" + i + "]";
            if (point == null) {
                throw new PoisonMessageException(at + " is not an object");
            } else if (point.metric() == null || point.metric().isBlank()) {
                throw new PoisonMessageException(at + ".metric is missing");
            } else if (point.timestamp() == null) {
                throw new PoisonMessageException(at + ".timestamp is missing");
            } else if (point.value() == null || !Double.isFinite(point.value())) {
                throw new PoisonMessageException(at + ".value must be a finite number, got " + point.value());
            } else if (point.labels() != null && point.labels().values().stream().anyMatch(v -> v == null)) {
                throw new PoisonMessageException(at + ".labels must not hold null values");
            }
            SeriesKey series = seriesKeys.of(point.metric(), point.labels());
            points.add(new SeriesPoint(series.id(), series, point.timestamp(), point.value()));
        }
        return points;
    }
}
