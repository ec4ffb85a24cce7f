package io.whalefall.contracts.session;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * One instance's progress within a session, as a {@link SessionUpdated} snapshot carries it. It counts the
 * periods the instance reported instead of listing them, so a snapshot grows with the instances of a run, not
 * with instances × periods; the per-period details stay available from session-tracking's API
 * ({@code GET /api/v1/sync-sessions/{id}}, {@code sync_details} of each record).
 *
 * @param instanceId     the instance
 * @param instanceName   its name
 * @param status         pending, running, completed, failed or skipped
 * @param startedAt      when its work started
 * @param completedAt    when it ended
 * @param itemsSynced    aggregation rows written
 * @param errorMessage   why it failed or was skipped
 * @param periods        periods of the run reported for the instance, computed or skipped; 0 until it ended
 * @param periodsSkipped of those, the periods already aggregated and not recomputed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionRecord(
        long instanceId,
        String instanceName,
        RecordStatus status,
        Instant startedAt,
        Instant completedAt,
        int itemsSynced,
        String errorMessage,
        int periods,
        int periodsSkipped) {
}
