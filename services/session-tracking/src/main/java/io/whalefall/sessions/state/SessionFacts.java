package io.whalefall.sessions.state;

import io.whalefall.contracts.aggregation.RunOutcome;

import java.time.Instant;
import java.util.UUID;

/**
 * Everything session tracking has learnt about one run: which lifecycle facts arrived, the operator's
 * actions, and its records. The session's state is derived from this alone ({@link SessionDerivation}).
 *
 * @param sessionId         the session (= run id)
 * @param runStartedAt      AggregationStarted's start time, null until it arrived
 * @param expectedInstances instances AggregationStarted named, null until it arrived
 * @param finishedOutcome   AggregationFinished's outcome, null until it arrived
 * @param finishedAt        when the run finished
 * @param finishedInstances instances AggregationFinished reports, null until it arrived
 * @param rejectedReason    AggregationRejected's reason, null unless the request was refused
 * @param rejectedAt        when it was refused
 * @param cancelRequestedBy the admin who asked to cancel, null when nobody did
 * @param cancelReason      the reason they gave, if any
 * @param stalledAt         when the stuck-session check found the run silent, null if it never did
 * @param stallReason       the message recorded then
 * @param records           the records by status
 */
public record SessionFacts(
        UUID sessionId,
        Instant runStartedAt,
        Integer expectedInstances,
        RunOutcome finishedOutcome,
        Instant finishedAt,
        Integer finishedInstances,
        String rejectedReason,
        Instant rejectedAt,
        String cancelRequestedBy,
        String cancelReason,
        Instant stalledAt,
        String stallReason,
        RecordCounts records) {

    /** Whether AggregationStarted arrived. */
    public boolean started() {
        return expectedInstances != null;
    }

    /** How many instances the run has: as AggregationStarted named them, else as AggregationFinished counted them. */
    public Integer runInstances() {
        return expectedInstances != null ? expectedInstances : finishedInstances;
    }

    /** Whether the request was refused before it ran. */
    public boolean rejected() {
        return rejectedAt != null || rejectedReason != null;
    }

    /** Whether an admin asked to cancel the run. */
    public boolean cancelRequested() {
        return cancelRequestedBy != null;
    }

    /** Whether the run was found silent. */
    public boolean stalled() {
        return stalledAt != null;
    }
}
