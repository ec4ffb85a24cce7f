package io.whalefall.ingestion.instance;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Set;

/** Registers instances and tells the other services about every change. */
@ApplicationScoped
public class InstanceService {

    /** Inserts or updates in one statement; returns nothing when the stored instance is already identical. */
    private static final String UPSERT = """
            INSERT INTO instance AS i (id, name, db_type, host, port, is_active, capacity_mb, version)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, db_type = excluded.db_type, host = excluded.host,
                port = excluded.port, is_active = excluded.is_active, capacity_mb = excluded.capacity_mb,
                version = i.version + 1, updated_at = now()
            WHERE (i.name, i.db_type, i.host, i.port, i.is_active, i.capacity_mb)
                IS DISTINCT FROM (excluded.name, excluded.db_type, excluded.host, excluded.port, excluded.is_active,
                                  excluded.capacity_mb)
            RETURNING (xmax = 0) AS inserted
            """;

    /** What an upsert did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The instance after an upsert and what happened to it. */
    public record Result(Instance instance, Outcome outcome) {
    }

    private final EntityManager entityManager;
    private final Outbox outbox;

    public InstanceService(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Creates or updates instance {@code id}; publishes {@code InstanceUpserted} when something changed. */
    @Transactional
    public Result upsert(long id, InstanceRequest request) {
        @SuppressWarnings("unchecked")
        List<Boolean> inserted = entityManager.createNativeQuery(UPSERT)
                .setParameter(1, id)
                .setParameter(2, request.name().trim())
                .setParameter(3, request.dbType())
                .setParameter(4, request.host().trim())
                .setParameter(5, request.port())
                .setParameter(6, request.isActive() == null || request.isActive())
                .setParameter(7, request.capacityMb())
                .getResultList();
        Instance instance = Instance.findById(id);
        if (inserted.isEmpty()) {
            return new Result(instance, Outcome.UNCHANGED);
        }
        outbox.add(OutgoingMessage.of(MessageType.INSTANCE_UPSERTED, new InstanceUpserted(instance.id, instance.name,
                instance.dbType, instance.host, instance.port, instance.isActive, instance.capacityMb, instance.version,
                instance.updatedAt), "instance-" + id));
        return new Result(instance, inserted.get(0) ? Outcome.CREATED : Outcome.UPDATED);
    }

    /** All instances, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Instance> list() {
        return Instance.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    /** The ids among {@code ids} that are registered. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<Long> registered(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(entityManager.createQuery("select i.id from Instance i where i.id in :ids", Long.class)
                .setParameter("ids", ids).getResultList());
    }
}
