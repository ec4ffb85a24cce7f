package io.whalefall.aggregation.instance;

import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final Jdbc jdbc;

    public InstanceDirectory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies an {@code InstanceUpserted} event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(InstanceUpserted event) {
        jdbc.update(UPSERT, Arrays.asList(event.instanceId(), event.name(), event.dbType(), event.isActive(),
                event.capacityMb(), event.version(), event.updatedAt()));
    }

    /** What an instance not known (yet) is called in runs and records. */
    public static String placeholderName(long instanceId) {
        return "#" + instanceId;
    }

    /** Names of the given instances that are known, by id (in id order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, String> names(Collection<Long> ids) {
        return query("SELECT instance_id, name FROM instance WHERE instance_id = ANY(?) ORDER BY instance_id",
                List.of(new SqlArray("bigint", ids.toArray(Long[]::new))));
    }

    /** Names of the active instances, by id (in id order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, String> active() {
        return query("SELECT instance_id, name FROM instance WHERE is_active ORDER BY instance_id", List.of());
    }

    private Map<Long, String> query(String sql, List<?> parameters) {
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.forEach(sql, parameters, rs -> names.put(rs.getLong(1), rs.getString(2)));
        return names;
    }
}
