package io.whalefall.ingestion.stats;

import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores raw samples, a whole batch per statement ({@code unnest} of column arrays), and returns only
 * the samples that were new: a re-sent sample hits the primary key and is skipped.
 */
@ApplicationScoped
public class SampleStore {

    private static final String INSERT_DATABASES = """
            INSERT INTO database_size_sample (instance_id, database_name, collected_at, size_mb, data_size_mb, log_size_mb)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[])
            ON CONFLICT DO NOTHING
            RETURNING instance_id, database_name, collected_at, size_mb, data_size_mb, log_size_mb
            """;
    private static final String INSERT_INSTANCES = """
            INSERT INTO instance_size_sample (instance_id, collected_at, total_size_mb, database_count)
            SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::bigint[], ?::integer[])
            ON CONFLICT DO NOTHING
            RETURNING instance_id, collected_at, total_size_mb, database_count
            """;

    private final AgroalDataSource dataSource;

    public SampleStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the database samples; returns those that were not stored before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<DatabaseSizeSample> storeDatabases(List<DatabaseSizeSample> samples) {
        if (samples.isEmpty()) {
            return List.of();
        }
        int n = samples.size();
        Long[] instanceIds = new Long[n];
        String[] names = new String[n];
        String[] collectedAt = new String[n];
        Long[] sizes = new Long[n];
        Long[] dataSizes = new Long[n];
        Long[] logSizes = new Long[n];
        for (int i = 0; i < n; i++) {
            DatabaseSizeSample s = samples.get(i);
            instanceIds[i] = s.instanceId();
            names[i] = s.databaseName();
            collectedAt[i] = s.collectedAt().toString();
            sizes[i] = s.sizeMb();
            dataSizes[i] = s.dataSizeMb();
            logSizes[i] = s.logSizeMb();
        }
        List<DatabaseSizeSample> stored = new ArrayList<>(n);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_DATABASES)) {
            insert.setArray(1, connection.createArrayOf("bigint", instanceIds));
            insert.setArray(2, connection.createArrayOf("text", names));
            insert.setArray(3, connection.createArrayOf("text", collectedAt));
            insert.setArray(4, connection.createArrayOf("bigint", sizes));
            insert.setArray(5, connection.createArrayOf("bigint", dataSizes));
            insert.setArray(6, connection.createArrayOf("bigint", logSizes));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    stored.add(new DatabaseSizeSample(rs.getLong(1), rs.getString(2), rs.getLong(4), nullableLong(rs, 5),
                            nullableLong(rs, 6), utc(rs, 3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store " + n + " database samples", e);
        }
        return stored;
    }

    /** Inserts the instance samples; returns those that were not stored before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<InstanceSizeSample> storeInstances(List<InstanceSizeSample> samples) {
        if (samples.isEmpty()) {
            return List.of();
        }
        int n = samples.size();
        Long[] instanceIds = new Long[n];
        String[] collectedAt = new String[n];
        Long[] totals = new Long[n];
        Integer[] counts = new Integer[n];
        for (int i = 0; i < n; i++) {
            InstanceSizeSample s = samples.get(i);
            instanceIds[i] = s.instanceId();
            collectedAt[i] = s.collectedAt().toString();
            totals[i] = s.totalSizeMb();
            counts[i] = s.databaseCount();
        }
        List<InstanceSizeSample> stored = new ArrayList<>(n);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_INSTANCES)) {
            insert.setArray(1, connection.createArrayOf("bigint", instanceIds));
            insert.setArray(2, connection.createArrayOf("text", collectedAt));
            insert.setArray(3, connection.createArrayOf("bigint", totals));
            insert.setArray(4, connection.createArrayOf("integer", counts));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    stored.add(new InstanceSizeSample(rs.getLong(1), rs.getLong(3), rs.getInt(4), utc(rs, 2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store " + n + " instance samples", e);
        }
        return stored;
    }

    private static OffsetDateTime utc(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
