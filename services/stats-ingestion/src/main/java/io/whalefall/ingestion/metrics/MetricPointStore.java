package io.whalefall.ingestion.metrics;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stores raw metric points, a whole batch per statement ({@code unnest} of column arrays), and returns
 * only the points that were new: a re-sent point hits the primary key (series, timestamp) and is skipped,
 * and so is a repetition within the batch (the first one wins).
 */
@ApplicationScoped
public class MetricPointStore {

    private static final String INSERT = """
            INSERT INTO metric_point (series_id, ts, metric, labels, value)
            SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::jsonb[], ?::float8[])
            ON CONFLICT DO NOTHING
            RETURNING series_id, ts
            """;

    private final Jdbc jdbc;

    public MetricPointStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the points; returns those that were not stored before, in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IngestedPoint> store(List<IngestedPoint> points) {
        int n = points.size();
        UUID[] seriesIds = new UUID[n];
        String[] timestamps = new String[n];
        String[] metrics = new String[n];
        String[] labels = new String[n];
        Double[] values = new Double[n];
        Map<IngestedPoint.Key, IngestedPoint> byKey = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            IngestedPoint point = points.get(i);
            seriesIds[i] = point.seriesId();
            timestamps[i] = point.timestamp().toString();
            metrics[i] = point.series().metric();
            labels[i] = point.series().labelsJson();
            values[i] = point.value();
            byKey.putIfAbsent(point.key(), point);
        }
        List<IngestedPoint.Key> stored = jdbc.list(INSERT, List.of(new SqlArray("uuid", seriesIds),
                new SqlArray("text", timestamps), new SqlArray("text", metrics), new SqlArray("text", labels),
                new SqlArray("float8", values)),
                rs -> new IngestedPoint.Key(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant()));
        return stored.stream().map(byKey::get).toList();
    }

}
