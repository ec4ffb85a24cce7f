package io.whalefall.ingestion.metrics;

import io.whalefall.contracts.stats.UnixMicros;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stores raw metric points, a whole batch per statement ({@code unnest} of column arrays), and returns
 * only the points that were new: a re-sent point hits the primary key (series, timestamp) and is skipped,
 * and so is a repetition within the batch (the first one wins; it is dropped before the insert).
 *
 * <p>Normally every point of a batch is new, and the insert's row count says so ({@link Jdbc#insertedAll});
 * only then is it run again, echoing the keys it stored, to tell the new points from the re-sent ones.
 * Timestamps travel as microseconds since the epoch: PostgreSQL adds them to the epoch faster than it
 * parses timestamps from text.
 */
@ApplicationScoped
public class MetricPointStore {

    private static final String INSERT = """
            INSERT INTO metric_point (series_id, ts, metric, labels, value)
            SELECT series_id, timestamptz 'epoch' + ts_us * interval '1 microsecond', metric, labels, value
            FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::jsonb[], ?::float8[])
                AS p(series_id, ts_us, metric, labels, value)
            ON CONFLICT DO NOTHING
            """;
    private static final String INSERT_RETURNING_STORED = INSERT + " RETURNING series_id, ts";

    private final Jdbc jdbc;

    public MetricPointStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the points; returns those that were not stored before, in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IngestedPoint> store(List<IngestedPoint> points) {
        Map<IngestedPoint.Key, IngestedPoint> byKey = new LinkedHashMap<>();
        for (IngestedPoint point : points) {
            byKey.putIfAbsent(point.key(), point);
        }
        List<IngestedPoint> distinct = new ArrayList<>(byKey.values());
        int n = distinct.size();
        UUID[] seriesIds = new UUID[n];
        Long[] timestamps = new Long[n];
        String[] metrics = new String[n];
        String[] labels = new String[n];
        Double[] values = new Double[n];
        for (int i = 0; i < n; i++) {
            IngestedPoint point = distinct.get(i);
            seriesIds[i] = point.seriesId();
            timestamps[i] = UnixMicros.of(point.timestamp());
            metrics[i] = point.series().metric();
            labels[i] = point.series().labelsJson();
            values[i] = point.value();
        }
        List<SqlArray> columns = List.of(new SqlArray("uuid", seriesIds), new SqlArray("bigint", timestamps),
                new SqlArray("text", metrics), new SqlArray("text", labels), new SqlArray("float8", values));
        if (jdbc.insertedAll(INSERT, columns, n)) {
            return distinct;
        }
        List<IngestedPoint.Key> stored = jdbc.list(INSERT_RETURNING_STORED, columns, rs -> new IngestedPoint.Key(
                rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant()));
        return stored.stream().map(byKey::get).toList();
    }
}
