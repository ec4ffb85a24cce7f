package io.whalefall.aggregation.metrics;

import io.whalefall.windows.Resolution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides for each point of a batch whether it still updates its windows or is kept aside as late, and
 * how far each series' watermark moves. A point is late when it is older than its series' watermark
 * minus the allowed lateness (a point exactly at that limit is in time); when its minute window lies in a
 * day that the minute retention is due to drop (query-api keeps minutes by whole UTC days, and the hour
 * and day above it could no longer be recomputed from their minutes); or when it lies further ahead of
 * the clock than the allowed skew. Late points never
 * move a watermark.
 */
final class PointTriage {

    private final Duration allowedLateness;
    private final Duration maxClockSkew;
    private final Duration minuteRetention;

    PointTriage(Duration allowedLateness, Duration maxClockSkew, Duration minuteRetention) {
        this.allowedLateness = allowedLateness;
        this.maxClockSkew = maxClockSkew;
        this.minuteRetention = minuteRetention;
    }

    /** Sorts the points of {@code batchId} at {@code now}, given the state of their series. */
    Outcome triage(UUID batchId, List<SeriesPoint> points, Map<UUID, SeriesState> series, Instant now) {
        List<SeriesPoint> accepted = new ArrayList<>(points.size());
        List<LatePoint> late = new ArrayList<>();
        Map<UUID, Instant> newest = new HashMap<>();
        for (SeriesPoint point : points) {
            SeriesState state = series.get(point.seriesId());
            Instant watermark = state.watermarkFor(batchId);
            if (point.timestamp().isAfter(now.plus(maxClockSkew))) {
                late.add(new LatePoint(point, watermark, LatePoint.Reason.FUTURE));
            } else if (isExpired(point.timestamp(), now)) {
                late.add(new LatePoint(point, watermark, LatePoint.Reason.RETENTION));
            } else if (watermark != null && point.timestamp().isBefore(watermark.minus(allowedLateness))) {
                late.add(new LatePoint(point, watermark, LatePoint.Reason.LATENESS));
            } else {
                accepted.add(point);
                newest.merge(point.seriesId(), point.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Map<UUID, SeriesState> advanced = new HashMap<>();
        newest.forEach((id, timestamp) -> advanced.put(id, series.get(id).advancedBy(batchId, timestamp)));
        return new Outcome(accepted, late, advanced);
    }

    /** Whether the whole day holding {@code timestamp} is older than the minute retention at {@code now}. */
    private boolean isExpired(Instant timestamp, Instant now) {
        Instant endOfDay = Resolution.DAY.windowStart(timestamp).plus(Duration.ofDays(1));
        return !endOfDay.isAfter(now.minus(minuteRetention));
    }

    /**
     * The triage of a batch.
     *
     * @param accepted the points that update their windows
     * @param late     the points kept aside
     * @param advanced the new state of every series whose watermark a point of the batch may have moved
     */
    record Outcome(List<SeriesPoint> accepted, List<LatePoint> late, Map<UUID, SeriesState> advanced) {
    }
}
