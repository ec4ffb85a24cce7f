package io.whalefall.aggregation.metrics;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Keeps late points aside for audit, a batch per statement. */
@ApplicationScoped
public class LatePointStore {

    private static final String INSERT = """
            INSERT INTO late_metric_point (series_id, ts, value, metric, labels, watermark, reason)
            SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::float8[], ?::text[], ?::jsonb[], ?::timestamptz[],
                                 ?::text[])
            """;

    private final Jdbc jdbc;

    public LatePointStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the late points. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<LatePoint> late) {
        if (late.isEmpty()) {
            return;
        }
        jdbc.update(INSERT, List.of(
                new SqlArray("uuid", late.stream().map(l -> l.point().seriesId()).toArray()),
                new SqlArray("text", late.stream().map(l -> l.point().timestamp().toString()).toArray()),
                new SqlArray("float8", late.stream().map(l -> l.point().value()).toArray()),
                new SqlArray("text", late.stream().map(l -> l.point().series().metric()).toArray()),
                new SqlArray("text", late.stream().map(l -> l.point().series().labelsJson()).toArray()),
                new SqlArray("text",
                        late.stream().map(l -> l.watermark() == null ? null : l.watermark().toString()).toArray()),
                new SqlArray("text", late.stream().map(l -> l.reason().code()).toArray())));
    }
}
