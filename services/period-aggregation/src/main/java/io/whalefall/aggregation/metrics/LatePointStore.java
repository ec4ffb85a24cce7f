package io.whalefall.aggregation.metrics;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Keeps late points aside for audit, a batch per statement. */
@ApplicationScoped
public class LatePointStore {

    private static final String INSERT = """
            INSERT INTO late_metric_point (series_id, ts, value, metric, labels, watermark, reason)
            SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::float8[], ?::text[], ?::jsonb[], ?::timestamptz[],
                                 ?::text[])
            """;

    private final AgroalDataSource dataSource;
    private final LabelsJson labelsJson;

    public LatePointStore(AgroalDataSource dataSource, LabelsJson labelsJson) {
        this.dataSource = dataSource;
        this.labelsJson = labelsJson;
    }

    /** Stores the late points. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<LatePoint> late) {
        if (late.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("uuid", late.stream().map(l -> l.point().seriesId()).toArray()));
            insert.setArray(2, connection.createArrayOf("text",
                    late.stream().map(l -> l.point().timestamp().toString()).toArray()));
            insert.setArray(3, connection.createArrayOf("float8", late.stream().map(l -> l.point().value()).toArray()));
            insert.setArray(4, connection.createArrayOf("text",
                    late.stream().map(l -> l.point().series().metric()).toArray()));
            insert.setArray(5, connection.createArrayOf("text",
                    late.stream().map(l -> labelsJson.of(l.point().series())).toArray()));
            insert.setArray(6, connection.createArrayOf("text",
                    late.stream().map(l -> l.watermark() == null ? null : l.watermark().toString()).toArray()));
            insert.setArray(7, connection.createArrayOf("text", late.stream().map(l -> l.reason().code()).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot keep " + late.size() + " late points", e);
        }
    }
}
