package io.whalefall.query.readmodel;

import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Arrays;

/** Keeps the instance table: the copy with the highest version wins, so late events never roll metadata back. */
@ApplicationScoped
public class InstanceProjection {

    private static final String UPSERT = """
            INSERT INTO instance AS i (instance_id, name, db_type, host, port, is_active, capacity_mb, version, updated_at)
            VALUES (?, ?, ?, ?, ?::integer, ?, ?::bigint, ?, ?::timestamptz)
            ON CONFLICT (instance_id) DO UPDATE SET name = excluded.name, db_type = excluded.db_type,
                host = excluded.host, port = excluded.port, is_active = excluded.is_active,
                capacity_mb = excluded.capacity_mb, version = excluded.version, updated_at = excluded.updated_at
            WHERE excluded.version > i.version
            """;

    private final Jdbc jdbc;

    public InstanceProjection(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies the event; false when the read model already holds this or a newer version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(InstanceUpserted event) {
        return jdbc.update(UPSERT, Arrays.asList(event.instanceId(), event.name(), event.dbType(), event.host(),
                event.port(), event.isActive(), event.capacityMb(), event.version(), event.updatedAt())) == 1;
    }
}
