package io.whalefall.aggregation.run;

import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Runs and their per-instance work items. */
@ApplicationScoped
public class RunStore {

    private static final String CREATE = """
            INSERT INTO run (run_id, request_id, trigger, requested_by, mode, status, total_items, remaining_items, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """;
    private static final String ADD_ITEMS = """
            INSERT INTO work_item (run_id, instance_id, status) SELECT ?, id, 'pending' FROM unnest(?::bigint[]) AS id
            """;
    private static final String LOCK_ITEM = """
            SELECT w.status, r.cancelled, r.request_id FROM work_item w JOIN run r USING (run_id)
            WHERE w.run_id = ? AND w.instance_id = ? FOR UPDATE OF w
            """;
    private static final String FINISH_ITEM = """
            UPDATE work_item SET status = ?, rows_written = ?, error = ?, processed_by = ?, finished_at = now()
            WHERE run_id = ? AND instance_id = ?
            """;
    private static final String DECREMENT = """
            UPDATE run SET remaining_items = remaining_items - 1 WHERE run_id = ? RETURNING remaining_items, cancelled
            """;
    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
                   count(*) FILTER (WHERE status = 'skipped'), count(*)
            FROM work_item WHERE run_id = ?
            """;
    private static final String FINISH_RUN = "UPDATE run SET status = ?, finished_at = now() WHERE run_id = ?";
    private static final String CANCEL = """
            UPDATE run SET cancelled = true, reason = ? WHERE run_id = ? AND status = 'running' AND NOT cancelled
            """;

    /** A work item locked for processing. */
    public record LockedItem(String status, boolean runCancelled, String requestId) {
    }

    /** What is left of a run after an item ended. */
    public record Remaining(int items, boolean cancelled) {
    }

    /** Work items of a run by outcome. */
    public record Counts(int completed, int failed, int skipped, int total) {
    }

    private final Jdbc jdbc;

    public RunStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a run; false when a run for this request already exists (a repeated request).
     *
     * @param status running, or rejected for a request refused before it started
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean create(UUID runId, String requestId, String trigger, String requestedBy, String mode, String status,
            int items, String reason) {
        return update(CREATE, runId, requestId, trigger == null ? "external" : trigger, requestedBy, mode, status, items,
                items, reason) == 1;
    }

    /** Adds one pending work item per instance. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addItems(UUID runId, Collection<Long> instanceIds) {
        jdbc.update(ADD_ITEMS, List.of(runId, new SqlArray("bigint", instanceIds.toArray())));
    }

    /** Locks a work item for the rest of the transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LockedItem> lockItem(UUID runId, long instanceId) {
        return jdbc.first(LOCK_ITEM, List.of(runId, instanceId),
                rs -> new LockedItem(rs.getString(1), rs.getBoolean(2), rs.getString(3)));
    }

    /** Records how a work item ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finishItem(UUID runId, long instanceId, String status, int rows, String error, String processedBy) {
        update(FINISH_ITEM, status, rows, error, processedBy, runId, instanceId);
    }

    /** Counts one more item as ended; returns how many remain and whether the run was cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Remaining decrement(UUID runId) {
        return jdbc.first(DECREMENT, List.of(runId), rs -> new Remaining(rs.getInt(1), rs.getBoolean(2))).orElseThrow();
    }

    /** The run's items by outcome. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts counts(UUID runId) {
        return jdbc.first(COUNTS, List.of(runId), rs -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .orElseThrow();
    }

    /** Records how the run ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finishRun(UUID runId, RunOutcome outcome) {
        update(FINISH_RUN, outcome.name().toLowerCase(Locale.ROOT), runId);
    }

    /** Marks a running run cancelled; false when it is not running (unknown, finished, or already cancelled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean cancel(UUID runId, String reason) {
        return update(CANCEL, reason, runId) == 1;
    }

    private int update(String sql, Object... parameters) {
        return jdbc.update(sql, Arrays.asList(parameters));
    }
}
