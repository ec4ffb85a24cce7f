package io.whalefall.sessions.store;

import io.whalefall.contracts.aggregation.PeriodSummary;
import io.whalefall.contracts.session.RecordStatus;

import java.time.Instant;
import java.util.List;

/**
 * How one instance's work in a run ended, as reported by a completion or failure event.
 *
 * @param instanceId   the instance
 * @param instanceName its name as the event gives it
 * @param status       completed, skipped or failed
 * @param startedAt    when its work started
 * @param completedAt  when it ended
 * @param itemsSynced  aggregation rows written
 * @param errorMessage why it failed or was skipped
 * @param syncDetails  per period: type, start, end, rows, revision
 */
public record InstanceOutcomeFact(
        long instanceId,
        String instanceName,
        RecordStatus status,
        Instant startedAt,
        Instant completedAt,
        int itemsSynced,
        String errorMessage,
        List<PeriodSummary> syncDetails) {
}
