package io.whalefall.sessions.state;

import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.session.SessionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules that turn the facts of a run into the session operators see. */
class SessionDerivationTest {

    private static final Instant STARTED = Instant.parse("2026-11-20T20:00:00Z");
    private static final Instant FIRST_DONE = STARTED.plusSeconds(30);
    private static final Instant LAST_DONE = STARTED.plusSeconds(90);
    private static final Instant FINISHED = STARTED.plusSeconds(95);

    @Test
    void aStartedRunWithNothingEndedIsRunningAtZeroPercent() {
        SessionState state = derive(facts().started(3).records(3, 0, 0, 0));

        assertThat(state.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(state.progress()).isZero();
        assertThat(state.startedAt()).isEqualTo(STARTED);
        assertThat(state.completedAt()).isNull();
        assertThat(state.errorMessage()).isNull();
    }

    @Test
    void progressIsTheShareOfEndedInstancesRoundedDown() {
        assertThat(derive(facts().started(4).records(4, 1, 0, 0)).progress()).isEqualTo(25);
        assertThat(derive(facts().started(3).records(3, 1, 0, 1)).progress()).isEqualTo(66);
    }

    @Test
    void theTotalsAreTheRecordCounts() {
        SessionState state = derive(facts().started(5).records(5, 2, 1, 1));

        assertThat(state.totalInstances()).isEqualTo(5);
        assertThat(state.successfulInstances()).isEqualTo(2);
        assertThat(state.failedInstances()).isEqualTo(1);
        assertThat(state.skippedInstances()).isEqualTo(1);
    }

    @Test
    void aRunWhoseInstancesAllCompletedOrWereSkippedIsCompletedWhenItsLastInstanceEnded() {
        SessionState state = derive(facts().started(2).records(2, 1, 0, 1));

        assertThat(state.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(state.progress()).isEqualTo(100);
        assertThat(state.completedAt()).isEqualTo(LAST_DONE);
        assertThat(state.errorMessage()).isNull();
    }

    @Test
    void aRunWithAFailedInstanceFailsOnceItEndedAndNamesTheFailures() {
        SessionState running = derive(facts().started(3).records(3, 1, 1, 0, "db-b"));
        SessionState ended = derive(facts().started(3).records(3, 2, 1, 0, "db-b"));

        assertThat(running.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(ended.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(ended.errorMessage()).isEqualTo("1 of 3 instances failed: db-b");
    }

    @Test
    void onlyTheFirstFailuresAreNamed() {
        SessionState state = derive(facts().started(7).records(7, 0, 7, 0, "a", "b", "c", "d", "e"));

        assertThat(state.errorMessage()).isEqualTo("7 of 7 instances failed: a, b, c, d, e and 2 more");
    }

    @Test
    void theRunsEndArrivingBeforeItsLastRecordLeavesTheSessionRunningUntilThatRecordArrives() {
        SessionState early = derive(facts().started(2).records(2, 1, 0, 0).finished(RunOutcome.COMPLETED));
        SessionState done = derive(facts().started(2).records(2, 2, 0, 0).finished(RunOutcome.COMPLETED));

        assertThat(early.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(early.progress()).isEqualTo(50);
        assertThat(done.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.completedAt()).isEqualTo(FINISHED);
    }

    @Test
    void aRunReportedFailedFailsOnceItsFailedInstanceArrives() {
        SessionState early = derive(facts().started(2).records(2, 1, 0, 0).finished(RunOutcome.FAILED));
        SessionState ended = derive(facts().started(2).records(2, 1, 1, 0, "db-b").finished(RunOutcome.FAILED));

        assertThat(early.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(ended.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(ended.errorMessage()).isEqualTo("1 of 2 instances failed: db-b");
    }

    @Test
    void theRunsEndAloneTellsHowManyRecordsToWaitFor() {
        SessionState waiting = derive(facts().records(1, 1, 0, 0).finished(RunOutcome.COMPLETED, 2));
        SessionState done = derive(facts().records(2, 2, 0, 0).finished(RunOutcome.COMPLETED, 2));

        assertThat(waiting.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(waiting.progress()).isEqualTo(50);
        assertThat(done.status()).isEqualTo(SessionStatus.COMPLETED);
    }

    @Test
    void aRejectedRequestIsAFailedSessionWithTheRejectionsReason() {
        Instant rejectedAt = STARTED.plusSeconds(1);
        SessionState state = derive(new SessionFacts(UUID.randomUUID(), null, null, null, null, null,
                "period_types: unknown period type 'hourly'", rejectedAt, null, null, null, null, RecordCounts.NONE));

        assertThat(state.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(state.errorMessage()).isEqualTo("period_types: unknown period type 'hourly'");
        assertThat(state.startedAt()).isEqualTo(rejectedAt);
        assertThat(state.completedAt()).isEqualTo(rejectedAt);
        assertThat(state.totalInstances()).isZero();
    }

    @Test
    void aRunWithoutInstancesIsCompletedAtOnce() {
        SessionState state = derive(facts().started(0).records(0, 0, 0, 0));

        assertThat(state.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(state.progress()).isEqualTo(100);
        assertThat(state.completedAt()).isEqualTo(STARTED);
    }

    @Test
    void recordsHeardOfBeforeTheStartDoNotEndTheSessionNorShowItDone() {
        SessionState state = derive(new SessionFacts(UUID.randomUUID(), null, null, null, null, null, null, null, null,
                null, null, null, new RecordCounts(1, 1, 0, 0, STARTED, FIRST_DONE, List.of())));

        assertThat(state.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(state.progress()).isEqualTo(99);
        assertThat(state.startedAt()).as("the earliest record start stands in for the run's").isEqualTo(STARTED);
    }

    @Test
    void aRequestedCancellationShowsWhileTheRunStops() {
        SessionState state = derive(facts().started(3).records(3, 1, 0, 0).cancelledBy("admin", "maintenance"));

        assertThat(state.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(state.errorMessage()).isEqualTo("cancellation requested by admin: maintenance");
    }

    @Test
    void aCancelledRunIsCancelledWhenItsInstancesEndedOrItSaysSo() {
        SessionState byRecords = derive(facts().started(3).records(3, 1, 0, 2).cancelledBy("admin", null));
        SessionState byRun = derive(facts().started(3).records(3, 1, 0, 2).finished(RunOutcome.CANCELLED));

        assertThat(byRecords.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(byRecords.errorMessage()).isEqualTo("cancelled by admin");
        assertThat(byRun.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(byRun.errorMessage()).isEqualTo("the aggregation run was cancelled");
    }

    @Test
    void theRunsOwnOutcomeWinsOverACancellationThatCameTooLate() {
        SessionState state = derive(facts().started(2).records(2, 2, 0, 0).cancelledBy("admin", null)
                .finished(RunOutcome.COMPLETED));

        assertThat(state.status()).isEqualTo(SessionStatus.COMPLETED);
    }

    @Test
    void aFailedInstanceMakesACancelledRunFailed() {
        SessionState state = derive(facts().started(2).records(2, 0, 1, 1, "db-a").cancelledBy("admin", null));

        assertThat(state.status()).isEqualTo(SessionStatus.FAILED);
    }

    @Test
    void aSilentRunIsFailedAsAbnormalUntilItEndsAfterAll() {
        Instant stalledAt = STARTED.plusSeconds(3600);
        String reason = "no progress from the aggregation run for 30 minutes (session state abnormal)";
        SessionState silent = derive(facts().started(2).records(2, 1, 0, 0).stalled(stalledAt, reason));
        SessionState recovered = derive(facts().started(2).records(2, 2, 0, 0).stalled(stalledAt, reason));

        assertThat(silent.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(silent.errorMessage()).isEqualTo(reason);
        assertThat(silent.completedAt()).isEqualTo(stalledAt);
        assertThat(silent.progress()).isEqualTo(50);
        assertThat(recovered.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(recovered.errorMessage()).isNull();
        assertThat(recovered.completedAt()).isEqualTo(LAST_DONE);
    }

    private static SessionState derive(Facts facts) {
        return derive(facts.build());
    }

    private static SessionState derive(SessionFacts facts) {
        return SessionDerivation.derive(facts);
    }

    private static Facts facts() {
        return new Facts();
    }

    /** Builds the facts of one run, started at {@link #STARTED}. */
    private static final class Facts {
        private Integer expected;
        private RecordCounts records = RecordCounts.NONE;
        private RunOutcome outcome;
        private Integer finishedInstances;
        private String cancelledBy;
        private String cancelReason;
        private Instant stalledAt;
        private String stallReason;

        Facts started(int instances) {
            expected = instances;
            return this;
        }

        Facts records(int total, int completed, int failed, int skipped, String... failedNames) {
            boolean anyEnded = completed + failed + skipped > 0;
            Instant last = completed + failed + skipped == total ? LAST_DONE : FIRST_DONE;
            records = new RecordCounts(total, completed, failed, skipped, anyEnded ? STARTED : null,
                    anyEnded ? last : null, List.of(failedNames));
            return this;
        }

        Facts finished(RunOutcome runOutcome) {
            return finished(runOutcome, expected);
        }

        Facts finished(RunOutcome runOutcome, Integer instances) {
            outcome = runOutcome;
            finishedInstances = instances;
            return this;
        }

        Facts cancelledBy(String admin, String reason) {
            cancelledBy = admin;
            cancelReason = reason;
            return this;
        }

        Facts stalled(Instant at, String reason) {
            stalledAt = at;
            stallReason = reason;
            return this;
        }

        SessionFacts build() {
            return new SessionFacts(UUID.randomUUID(), expected == null ? null : STARTED, expected, outcome,
                    outcome == null ? null : FINISHED, finishedInstances, null, null, cancelledBy, cancelReason, stalledAt,
                    stallReason, records);
        }
    }
}
