package io.whalefall.aggregation.work;

import io.whalefall.aggregation.AggregationConfig;
import io.whalefall.platform.calendar.PeriodCalendar;
import io.whalefall.aggregation.instance.InstanceDirectory;
import io.whalefall.aggregation.instance.InstanceLocks;
import io.whalefall.aggregation.run.RunPlanner;
import io.whalefall.aggregation.run.RunStore;
import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationFinished;
import io.whalefall.contracts.aggregation.AggregationWorkItem;
import io.whalefall.contracts.aggregation.InstanceAggregationCompleted;
import io.whalefall.contracts.aggregation.InstanceAggregationFailed;
import io.whalefall.contracts.aggregation.InstanceOutcome;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodSummary;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.MessagingConfig;
import io.whalefall.platform.messaging.NotYetApplicableException;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.platform.messaging.PoisonMessageException;
import io.whalefall.platform.sql.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Aggregates one instance's periods for a run. Its rows, its {@code PeriodCompleted} events and its
 * completion event are written in the inbox transaction, so a work item is done entirely or not at all.
 * A computation error that retrying cannot fix (bad data, overflow) fails only this instance: it is
 * reported with its reason and the run goes on.
 */
@ApplicationScoped
public class WorkItemHandler implements MessageHandler<AggregationWorkItem> {

    private static final Logger LOG = Logger.getLogger(WorkItemHandler.class);
    /** SQLSTATE classes worth retrying: connection, transaction rollback, resources, operator intervention. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57", "58");

    private final Jdbc jdbc;
    private final RunStore runs;
    private final RunPlanner planner;
    private final InstanceDirectory instances;
    private final InstanceLocks locks;
    private final PeriodAggregator aggregator;
    private final Outbox outbox;
    private final Clock clock;
    private final String replica;
    private final MeterRegistry registry;
    private final Duration unknownInstanceWait;

    public WorkItemHandler(Jdbc jdbc, RunStore runs, RunPlanner planner, InstanceDirectory instances,
            InstanceLocks locks, PeriodAggregator aggregator, Outbox outbox, Clock clock, MessagingConfig messaging,
            MeterRegistry registry, AggregationConfig config) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.planner = planner;
        this.instances = instances;
        this.locks = locks;
        this.aggregator = aggregator;
        this.outbox = outbox;
        this.clock = clock;
        this.replica = messaging.replicaName();
        this.registry = registry;
        this.unknownInstanceWait = config.unknownInstanceWait();
    }

    @Override
    public MessageType type() {
        return MessageType.AGGREGATION_WORK_ITEM;
    }

    @Override
    public void handle(Envelope<AggregationWorkItem> message) {
        AggregationWorkItem item = message.payload();
        RunStore.LockedItem locked = runs.lockItem(item.runId(), item.instanceId())
                .orElseThrow(() -> new PoisonMessageException("no work item " + item.runId() + "/" + item.instanceId()));
        if (!"pending".equals(locked.status())) {
            LOG.infof("Work item %s/%d already %s", item.runId(), item.instanceId(), locked.status());
            return;
        }
        Map<Long, String> known = instances.names(List.of(item.instanceId()));
        String name = known.getOrDefault(item.instanceId(), InstanceDirectory.placeholderName(item.instanceId()));
        Instant startedAt = clock.instant();
        if (locked.runCancelled()) {
            complete(message, name, InstanceOutcome.SKIPPED, "run cancelled", List.of(), List.of(), startedAt);
            return;
        }
        if (known.isEmpty()) {
            failOrWaitForUnknownInstance(message, name, startedAt);
            return;
        }
        locks.lockExclusive(item.instanceId());
        LocalDate today = planner.today();
        Map<PeriodRef, PeriodAggregator.State> states = aggregator.states(item.instanceId(), item.periods());
        List<PeriodRef> todo = new ArrayList<>();
        List<PeriodSummary> skipped = new ArrayList<>();
        for (PeriodRef period : item.periods()) {
            PeriodAggregator.State state = states.get(period);
            if (item.force() || needsComputing(state, period, today)) {
                todo.add(period);
            } else {
                skipped.add(new PeriodSummary(period.periodType(), period.periodStart(), period.periodEnd(), 0,
                        state.revision(), true));
            }
        }
        List<PeriodResult> results = computeOrFail(message, name, todo, today, startedAt);
        if (results == null) {
            return;
        }
        InstanceOutcome outcome = todo.isEmpty() ? InstanceOutcome.SKIPPED : InstanceOutcome.COMPLETED;
        complete(message, name, outcome, todo.isEmpty() ? "every period was already aggregated" : null, results,
                skipped, startedAt);
    }

    /**
     * The request named an instance whose {@code InstanceUpserted} has not arrived: it may have been registered a
     * moment before the request, so the item is retried (redelivered with a growing delay) until
     * {@code unknown-instance-wait} after the run started; then the instance's record fails with the reason.
     */
    private void failOrWaitForUnknownInstance(Envelope<AggregationWorkItem> message, String name, Instant now) {
        long instanceId = message.payload().instanceId();
        if (Duration.between(message.occurredAt(), now).compareTo(unknownInstanceWait) < 0) {
            throw new NotYetApplicableException("instance " + instanceId + " is not known yet (no InstanceUpserted); "
                    + "the work item waits up to " + unknownInstanceWait.toSeconds() + " s for it");
        }
        LOG.warnf("Run %s: instance %d is unknown; its record fails", message.payload().runId(), instanceId);
        fail(message, name, "unknown instance " + instanceId + ": no InstanceUpserted arrived within "
                + unknownInstanceWait.toSeconds() + " s of the request", now);
    }

    /** Already aggregated means: computed, not stale since, and not computed while the period was still running. */
    private static boolean needsComputing(PeriodAggregator.State state, PeriodRef period, LocalDate today) {
        return state == null || state.stale() || (!state.complete() && PeriodCalendar.isComplete(period, today));
    }

    /** Runs the computation inside a savepoint; on a non-transient error reports the instance failed. */
    private List<PeriodResult> computeOrFail(Envelope<AggregationWorkItem> message, String name, List<PeriodRef> todo,
            LocalDate today, Instant startedAt) {
        AggregationWorkItem item = message.payload();
        jdbc.execute("SAVEPOINT work_item", List.of());
        try {
            return aggregator.aggregate(item.instanceId(), todo, item.runId(), today, clock.instant());
        } catch (IllegalStateException failure) {
            if (!(failure.getCause() instanceof SQLException e)
                    || e.getSQLState() != null && TRANSIENT_SQL_CLASSES.contains(e.getSQLState().substring(0, 2))) {
                throw failure;
            }
            jdbc.execute("ROLLBACK TO SAVEPOINT work_item", List.of());
            LOG.errorf(e, "Aggregation of instance %d for run %s failed", item.instanceId(), item.runId());
            fail(message, name, "aggregation failed: " + e.getMessage(), startedAt);
            return null;
        }
    }

    private void complete(Envelope<AggregationWorkItem> message, String name, InstanceOutcome outcome, String reason,
            List<PeriodResult> results, List<PeriodSummary> skipped, Instant startedAt) {
        AggregationWorkItem item = message.payload();
        String requestId = message.payload().requestId();
        List<OutgoingMessage> events = new ArrayList<>();
        List<PeriodSummary> summaries = new ArrayList<>(skipped);
        int rows = 0;
        Instant now = clock.instant();
        LocalDate today = planner.today();
        for (PeriodResult result : results) {
            PeriodRef p = result.period();
            int periodRows = result.databases().size() + (result.instance() == null ? 0 : 1);
            rows += periodRows;
            summaries.add(new PeriodSummary(p.periodType(), p.periodStart(), p.periodEnd(), result.databases().size(),
                    result.revision(), false));
            events.add(new OutgoingMessage(MessageType.PERIOD_COMPLETED, new PeriodCompleted(item.runId(),
                    item.instanceId(), p.periodType(), p.periodStart(), p.periodEnd(), result.revision(),
                    PeriodCalendar.isComplete(p, today), result.instance() == null ? 0 : result.instance().dataCount(),
                    PeriodCalendar.days(p), now, result.instance(), result.databases()), requestId,
                    message.messageId().toString()));
        }
        events.add(new OutgoingMessage(MessageType.INSTANCE_AGGREGATION_COMPLETED, new InstanceAggregationCompleted(
                item.runId(), requestId, item.instanceId(), name, outcome, reason, rows, summaries, startedAt, now),
                requestId, message.messageId().toString()));
        runs.finishItem(item.runId(), item.instanceId(), outcome == InstanceOutcome.COMPLETED ? "completed" : "skipped",
                rows, reason, replica);
        record(outcome == InstanceOutcome.COMPLETED ? "completed" : "skipped", startedAt, results.size(), rows);
        outbox.addAll(events);
        countDown(message);
    }

    private void fail(Envelope<AggregationWorkItem> message, String name, String error, Instant startedAt) {
        AggregationWorkItem item = message.payload();
        runs.finishItem(item.runId(), item.instanceId(), "failed", 0, error, replica);
        record("failed", startedAt, 0, 0);
        outbox.add(new OutgoingMessage(MessageType.INSTANCE_AGGREGATION_FAILED, new InstanceAggregationFailed(
                item.runId(), item.requestId(), item.instanceId(), name, error, startedAt, clock.instant()),
                item.requestId(), message.messageId().toString()));
        countDown(message);
    }

    private void record(String outcome, Instant startedAt, int periods, int rows) {
        Timer.builder("whalefall.aggregation.work.items").description("Work items processed, by outcome")
                .tag("outcome", outcome).register(registry).record(Duration.between(startedAt, clock.instant()));
        registry.counter("whalefall.aggregation.periods.computed").increment(periods);
        registry.counter("whalefall.aggregation.rows.written").increment(rows);
    }

    /** The item that ends a run announces the run's end. */
    private void countDown(Envelope<AggregationWorkItem> message) {
        UUID runId = message.payload().runId();
        RunStore.Remaining remaining = runs.decrement(runId);
        if (remaining.items() > 0) {
            return;
        }
        RunStore.Counts counts = runs.counts(runId);
        RunOutcome outcome = counts.failed() > 0 ? RunOutcome.FAILED
                : remaining.cancelled() ? RunOutcome.CANCELLED : RunOutcome.COMPLETED;
        runs.finishRun(runId, outcome);
        outbox.add(new OutgoingMessage(MessageType.AGGREGATION_FINISHED, new AggregationFinished(runId,
                message.payload().requestId(), outcome, counts.total(), counts.completed(), counts.failed(),
                counts.skipped(), clock.instant()), message.payload().requestId(), message.messageId().toString()));
    }
}
