package io.whalefall.ingestion.instance;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Registers instances and tells the other services about every change. */
@ApplicationScoped
public class InstanceService {

    /** Inserts or updates in one statement; returns nothing when the stored instance is already identical. */
    private static final String UPSERT = """
            INSERT INTO instance AS i (id, name, db_type, host, port, is_active, capacity_mb, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, db_type = excluded.db_type, host = excluded.host,
                port = excluded.port, is_active = excluded.is_active, capacity_mb = excluded.capacity_mb,
                version = i.version + 1, updated_at = now()
            WHERE (i.name, i.db_type, i.host, i.port, i.is_active, i.capacity_mb)
                IS DISTINCT FROM (excluded.name, excluded.db_type, excluded.host, excluded.port, excluded.is_active,
                                  excluded.capacity_mb)
            RETURNING (xmax = 0) AS inserted
            """;
    private static final String COLUMNS = "id, name, db_type, host, port, is_active, capacity_mb, version, created_at, "
            + "updated_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM instance WHERE id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM instance ORDER BY id";
    private static final String REGISTERED = "SELECT id FROM instance WHERE id = ANY(?)";

    /** What an upsert did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The instance after an upsert and what happened to it. */
    public record Result(Instance instance, Outcome outcome) {
    }

    private final Jdbc jdbc;
    private final Outbox outbox;

    public InstanceService(Jdbc jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Creates or updates instance {@code id}; publishes {@code InstanceUpserted} when something changed. */
    @Transactional
    public Result upsert(long id, InstanceRequest request) {
        List<Boolean> inserted = jdbc.list(UPSERT, Arrays.asList(id, request.name().trim(), request.dbType(),
                request.host().trim(), request.port(), request.isActive() == null || request.isActive(),
                request.capacityMb()), rs -> rs.getBoolean(1));
        Instance instance = find(id).orElseThrow();
        if (inserted.isEmpty()) {
            return new Result(instance, Outcome.UNCHANGED);
        }
        outbox.add(OutgoingMessage.of(MessageType.INSTANCE_UPSERTED, new InstanceUpserted(instance.id(),
                instance.name(), instance.dbType(), instance.host(), instance.port(), instance.isActive(),
                instance.capacityMb(), instance.version(), instance.updatedAt()), "instance-" + id));
        return new Result(instance, inserted.get(0) ? Outcome.CREATED : Outcome.UPDATED);
    }

    /** Instance {@code id}, if registered. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Instance> find(long id) {
        return jdbc.first(FIND, List.of(id), InstanceService::instance);
    }

    /** All instances, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Instance> list() {
        return jdbc.list(LIST, List.of(), InstanceService::instance);
    }

    /** The ids among {@code ids} that are registered. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<Long> registered(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.list(REGISTERED, List.of(SqlArray.bigints(ids)), rs -> rs.getLong(1)));
    }

    private static Instance instance(ResultSet rs) throws SQLException {
        return new Instance(rs.getLong("id"), rs.getString("name"), rs.getString("db_type"), rs.getString("host"),
                rs.getInt("port"), rs.getBoolean("is_active"), Rows.nullableLong(rs, "capacity_mb"),
                rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
