package io.whalefall.ingestion.metrics;

import io.whalefall.contracts.metrics.MetricPoint;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.SeriesKeyCache;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A validated point as it is stored: its series resolved, its timestamp truncated to the microseconds
 * PostgreSQL keeps (so the event carries exactly what was stored).
 *
 * @param series    the series (metric and sorted labels)
 * @param seriesId  the series' stable id
 * @param timestamp when it was observed, to the microsecond
 * @param value     the value (finite)
 */
public record IngestedPoint(SeriesKey series, UUID seriesId, Instant timestamp, double value) {

    /** The stored form of a valid point, its series' key taken from {@code keys}. */
    public static IngestedPoint of(MetricPoint point, SeriesKeyCache keys) {
        SeriesKey series = keys.of(point.metric(), point.labels());
        return new IngestedPoint(series, series.id(), point.timestamp().truncatedTo(ChronoUnit.MICROS), point.value());
    }

    /** The point as the contracts carry it. */
    public MetricPoint toContract() {
        return new MetricPoint(series.metric(), series.labels(), timestamp, value);
    }

    /** Identifies the stored row: one point per series and instant. */
    public Key key() {
        return new Key(seriesId, timestamp);
    }

    /** The primary key of a stored point. */
    public record Key(UUID seriesId, Instant timestamp) {
    }
}
