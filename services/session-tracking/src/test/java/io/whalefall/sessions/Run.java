package io.whalefall.sessions;

import io.whalefall.contracts.aggregation.AggregationFinished;
import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.AggregationRejected;
import io.whalefall.contracts.aggregation.AggregationStarted;
import io.whalefall.contracts.aggregation.InstanceAggregationCompleted;
import io.whalefall.contracts.aggregation.InstanceAggregationFailed;
import io.whalefall.contracts.aggregation.InstanceOutcome;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodSummary;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.aggregation.Trigger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One aggregation run as period-aggregation would describe it: builds its lifecycle events. Every run has a
 * fresh request id, so tests never see each other's sessions.
 *
 * @param runId     the run (= session id)
 * @param requestId its request id
 */
record Run(UUID runId, String requestId) {

    /** The day every run of the tests aggregates. */
    static final LocalDate DAY = LocalDate.of(2026, 11, 19);
    static final PeriodRef DAILY = new PeriodRef(PeriodType.DAILY, DAY, DAY);
    static final PeriodRef WEEKLY = new PeriodRef(PeriodType.WEEKLY, LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));

    private static final AtomicLong INSTANCE_IDS = new AtomicLong(1000);

    static Run create(String purpose) {
        String requestId = purpose + "-" + UUID.randomUUID();
        return new Run(RunId.forRequest(requestId), requestId);
    }

    /** An instance id no other test uses. */
    static long newInstanceId() {
        return INSTANCE_IDS.incrementAndGet();
    }

    String id() {
        return runId.toString();
    }

    AggregationStarted started(Trigger trigger, String requestedBy, Instant at, InstanceRef... instances) {
        return new AggregationStarted(runId, requestId, trigger, requestedBy, AggregationMode.CURRENT,
                List.of(PeriodType.DAILY, PeriodType.WEEKLY), null, null, false, List.of(instances), List.of(DAILY, WEEKLY),
                at);
    }

    InstanceAggregationCompleted completed(long instanceId, String name, int rows, Instant startedAt, Instant completedAt) {
        return new InstanceAggregationCompleted(runId, requestId, instanceId, name, InstanceOutcome.COMPLETED, null, rows,
                List.of(summary(DAILY, rows / 2, false), summary(WEEKLY, rows - rows / 2 - 2, false)), startedAt,
                completedAt);
    }

    /** The instance completed, reporting exactly these periods (some may have been skipped as already aggregated). */
    InstanceAggregationCompleted completed(long instanceId, String name, List<PeriodSummary> periods, Instant startedAt,
            Instant completedAt) {
        int rows = periods.stream().mapToInt(PeriodSummary::databaseRows).sum();
        return new InstanceAggregationCompleted(runId, requestId, instanceId, name, InstanceOutcome.COMPLETED, null,
                rows, periods, startedAt, completedAt);
    }

    InstanceAggregationCompleted skipped(long instanceId, String name, String reason, Instant at) {
        return new InstanceAggregationCompleted(runId, requestId, instanceId, name, InstanceOutcome.SKIPPED, reason, 0,
                List.of(summary(DAILY, 0, true)), at, at);
    }

    InstanceAggregationFailed failed(long instanceId, String name, String error, Instant startedAt, Instant failedAt) {
        return new InstanceAggregationFailed(runId, requestId, instanceId, name, error, startedAt, failedAt);
    }

    AggregationFinished finished(RunOutcome outcome, int completed, int failed, int skipped, Instant at) {
        return new AggregationFinished(runId, requestId, outcome, completed + failed + skipped, completed, failed, skipped,
                at);
    }

    AggregationRejected rejected(String trigger, String requestedBy, String reason, Instant at) {
        return new AggregationRejected(runId, requestId, trigger, requestedBy, reason, at);
    }

    /** What a work item reports for a period it computed. */
    static PeriodSummary computed(PeriodRef period, int rows) {
        return summary(period, rows, false);
    }

    /** What a work item reports for a period that was already aggregated. */
    static PeriodSummary alreadyAggregated(PeriodRef period) {
        return summary(period, 0, true);
    }

    private static PeriodSummary summary(PeriodRef period, int rows, boolean skipped) {
        return new PeriodSummary(period.periodType(), period.periodStart(), period.periodEnd(), rows, 1, skipped);
    }
}
