package io.whalefall.aggregation.instance;

import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.instance.InstanceUpserted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** period-aggregation's copy of the instances, kept from {@code InstanceUpserted} events. */
@ApplicationScoped
public class InstanceDirectory {

    /** Keeps the highest version: a late or repeated event never rolls metadata back. */
    private static final String UPSERT = """
            INSERT INTO instance AS i (instance_id, name, db_type, is_active, capacity_mb, version, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (instance_id) DO UPDATE SET name = excluded.name, db_type = excluded.db_type,
                is_active = excluded.is_active, capacity_mb = excluded.capacity_mb, version = excluded.version,
                updated_at = excluded.updated_at
            WHERE excluded.version > i.version
            """;

    private final AgroalDataSource dataSource;

    public InstanceDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies an {@code InstanceUpserted} event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(InstanceUpserted event) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setLong(1, event.instanceId());
            upsert.setString(2, event.name());
            upsert.setString(3, event.dbType());
            upsert.setBoolean(4, event.isActive());
            upsert.setObject(5, event.capacityMb());
            upsert.setLong(6, event.version());
            upsert.setTimestamp(7, Timestamp.from(event.updatedAt()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store instance " + event.instanceId(), e);
        }
    }

    /** What an instance not known (yet) is called in runs and records. */
    public static String placeholderName(long instanceId) {
        return "#" + instanceId;
    }

    /** Names of the given instances that are known, by id (in id order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, String> names(Collection<Long> ids) {
        return query("SELECT instance_id, name FROM instance WHERE instance_id = ANY(?) ORDER BY instance_id",
                ids.toArray(Long[]::new));
    }

    /** Names of the active instances, by id (in id order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, String> active() {
        return query("SELECT instance_id, name FROM instance WHERE is_active ORDER BY instance_id", null);
    }

    private Map<Long, String> query(String sql, Long[] ids) {
        Map<Long, String> names = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (ids != null) {
                select.setArray(1, connection.createArrayOf("bigint", ids));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read instances", e);
        }
        return names;
    }
}
