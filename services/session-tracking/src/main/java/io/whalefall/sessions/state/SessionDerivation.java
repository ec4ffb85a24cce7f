package io.whalefall.sessions.state;

import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.session.SessionStatus;

import java.time.Instant;

/**
 * Derives a session's visible state from the facts received. Being a pure function of the set of facts,
 * it gives the same session whatever order the events arrived in; totals are always the record counts.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>a rejected request is a failed session with the rejection's reason;</li>
 *   <li>the run has ended once the number of its instances is known (from AggregationStarted, or from
 *       AggregationFinished) and that many records have all ended: a session is completed only when every
 *       record is completed or skipped, even when the run's end arrives before its last records. An ended
 *       run is failed if any record failed (or the run says so), cancelled if it was cancelled, else
 *       completed;</li>
 *   <li>a run that has not ended but was found silent is failed ("session state abnormal"); if it ends
 *       later after all, rule 2 gives its real outcome;</li>
 *   <li>otherwise the session is running.</li>
 * </ol>
 */
public final class SessionDerivation {

    /** Failed instances named in a failed session's message; the rest are counted. */
    public static final int NAMED_FAILURES = 5;

    private SessionDerivation() {
    }

    /** The state of the session described by {@code facts}. */
    public static SessionState derive(SessionFacts facts) {
        RecordCounts records = facts.records();
        boolean ended = runEnded(facts);
        SessionStatus status = status(facts, ended);
        return new SessionState(status, startedAt(facts), completedAt(facts, ended), records.total(), records.completed(),
                records.failed(), records.skipped(), progress(facts, ended), errorMessage(facts, status, ended));
    }

    private static boolean runEnded(SessionFacts facts) {
        if (facts.rejected()) {
            return true;
        }
        RecordCounts records = facts.records();
        Integer instances = facts.runInstances();
        return instances != null && records.total() >= instances && records.ended() == records.total();
    }

    private static SessionStatus status(SessionFacts facts, boolean ended) {
        if (facts.rejected()) {
            return SessionStatus.FAILED;
        }
        if (ended) {
            if (facts.records().failed() > 0 || facts.finishedOutcome() == RunOutcome.FAILED) {
                return SessionStatus.FAILED;
            }
            // the run's own word wins; before it arrives, an admin's cancel explains why the run ended
            boolean cancelled = facts.finishedOutcome() == null ? facts.cancelRequested()
                    : facts.finishedOutcome() == RunOutcome.CANCELLED;
            return cancelled ? SessionStatus.CANCELLED : SessionStatus.COMPLETED;
        }
        return facts.stalled() ? SessionStatus.FAILED : SessionStatus.RUNNING;
    }

    private static Instant startedAt(SessionFacts facts) {
        if (facts.runStartedAt() != null) {
            return facts.runStartedAt();
        }
        return facts.records().firstStartedAt() != null ? facts.records().firstStartedAt() : facts.rejectedAt();
    }

    private static Instant completedAt(SessionFacts facts, boolean ended) {
        if (facts.rejected()) {
            return facts.rejectedAt();
        }
        if (ended) {
            return firstNonNull(facts.finishedAt(), facts.records().lastCompletedAt(), facts.runStartedAt());
        }
        return facts.stalledAt();
    }

    /**
     * Ended instances over the run's instances (once known), rounded down; 100 only when the run has ended, so
     * a run whose size is not known yet never shows 100 though every record heard of so far has ended.
     */
    private static int progress(SessionFacts facts, boolean ended) {
        if (ended) {
            return 100;
        }
        RecordCounts records = facts.records();
        int total = Math.max(records.total(), facts.runInstances() == null ? 0 : facts.runInstances());
        if (total == 0) {
            return 0;
        }
        return (int) Math.min(99, 100L * records.ended() / total);
    }

    private static String errorMessage(SessionFacts facts, SessionStatus status, boolean ended) {
        if (facts.rejected()) {
            return facts.rejectedReason();
        }
        return switch (status) {
            case FAILED -> ended ? failures(facts.records()) : facts.stallReason();
            case CANCELLED -> facts.cancelRequested() ? "cancelled by " + describeCancel(facts)
                    : "the aggregation run was cancelled";
            case RUNNING, PENDING -> facts.cancelRequested() ? "cancellation requested by " + describeCancel(facts) : null;
            case COMPLETED -> null;
        };
    }

    private static String failures(RecordCounts records) {
        if (records.failed() == 0) {
            return "the aggregation run reported failed instances";
        }
        StringBuilder message = new StringBuilder()
                .append(records.failed()).append(" of ").append(records.total())
                .append(records.total() == 1 ? " instance failed" : " instances failed");
        if (!records.failedNames().isEmpty()) {
            message.append(": ").append(String.join(", ", records.failedNames()));
            int unnamed = records.failed() - records.failedNames().size();
            if (unnamed > 0) {
                message.append(" and ").append(unnamed).append(" more");
            }
        }
        return message.toString();
    }

    private static String describeCancel(SessionFacts facts) {
        String reason = facts.cancelReason();
        return facts.cancelRequestedBy() + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
