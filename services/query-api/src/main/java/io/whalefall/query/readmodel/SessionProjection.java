package io.whalefall.query.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.session.SessionUpdated;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.query.session.SessionChangeListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the sync-session table: the snapshot with the highest sequence wins. An applied snapshot is
 * announced with {@code pg_notify}, which PostgreSQL delivers only when the transaction commits, to the
 * change listener of every replica (so a live stream sees it whichever replica consumed the event).
 */
@ApplicationScoped
public class SessionProjection {

    private static final String UPSERT = """
            INSERT INTO sync_session AS s (session_id, request_id, sync_type, sync_category, status, created_by,
                started_at, completed_at, total_instances, successful_instances, failed_instances, skipped_instances,
                progress, period_types, error_message, sequence, updated_at, records)
            VALUES (?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::jsonb)
            ON CONFLICT (session_id) DO UPDATE SET request_id = excluded.request_id, sync_type = excluded.sync_type,
                sync_category = excluded.sync_category, status = excluded.status, created_by = excluded.created_by,
                started_at = excluded.started_at, completed_at = excluded.completed_at,
                total_instances = excluded.total_instances, successful_instances = excluded.successful_instances,
                failed_instances = excluded.failed_instances, skipped_instances = excluded.skipped_instances,
                progress = excluded.progress, period_types = excluded.period_types,
                error_message = excluded.error_message, sequence = excluded.sequence, updated_at = excluded.updated_at,
                records = excluded.records
            WHERE excluded.sequence > s.sequence
            RETURNING sequence
            """;
    private static final String NOTIFY = "SELECT pg_notify(?, ?)";

    private final Jdbc jdbc;
    private final ObjectMapper mapper;

    public SessionProjection(Jdbc jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Applies the snapshot; false when the read model already holds this or a newer one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(SessionUpdated event) {
        List<Object> parameters = Arrays.asList(event.sessionId(), event.requestId(), code(event.syncType()),
                event.syncCategory(), code(event.status()), event.createdBy(), event.startedAt(), event.completedAt(),
                event.totalInstances(), event.successfulInstances(), event.failedInstances(), event.skippedInstances(),
                event.progress(), SqlArray.texts(periodTypes(event)), event.errorMessage(), event.sequence(),
                event.updatedAt(), json(event));
        boolean applied = !jdbc.list(UPSERT, parameters, rs -> rs.getLong(1)).isEmpty();
        if (applied) {
            jdbc.list(NOTIFY, List.of(SessionChangeListener.CHANNEL,
                    SessionChangeListener.payload(event.sessionId(), event.sequence())), rs -> 0);
        }
        return applied;
    }

    private String json(SessionUpdated event) {
        try {
            return mapper.writeValueAsString(event.records() == null ? List.of() : event.records());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the records of session " + event.sessionId(), e);
        }
    }

    private static List<String> periodTypes(SessionUpdated event) {
        return event.periodTypes() == null ? List.of()
                : event.periodTypes().stream().filter(t -> t != null).map(PeriodType::code).toList();
    }

    /** The JSON name of a contract enum (its lower-case constant name). */
    private static String code(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
