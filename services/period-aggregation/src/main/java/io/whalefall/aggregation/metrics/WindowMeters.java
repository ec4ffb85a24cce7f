package io.whalefall.aggregation.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The window engine's counters: points accepted, points kept aside as late (by reason) and minute deltas
 * announced. They move when the transaction that did the work commits, so a batch retried
 * after a failure is counted once.
 */
@ApplicationScoped
public class WindowMeters {

    private final TransactionSynchronizationRegistry transactions;
    private final Counter accepted;
    private final Map<LatePoint.Reason, Counter> late = new EnumMap<>(LatePoint.Reason.class);
    private final Counter deltas;

    public WindowMeters(TransactionSynchronizationRegistry transactions, MeterRegistry meters) {
        this.transactions = transactions;
        this.accepted = Counter.builder("whalefall.metric.points.accepted")
                .description("Metric points folded into their windows").register(meters);
        for (LatePoint.Reason reason : LatePoint.Reason.values()) {
            late.put(reason, Counter.builder("whalefall.metric.points.late").tag("reason", reason.code())
                    .description("Metric points kept out of the windows and aside for audit").register(meters));
        }
        this.deltas = Counter.builder("whalefall.metric.deltas.announced")
                .description("Minute deltas announced to query-api (one per series and minute of a batch)").register(meters);
    }

    /** Counts a batch's outcome once the current transaction has committed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void countOnCommit(int acceptedPoints, List<LatePoint> latePoints, int minuteDeltas) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    accepted.increment(acceptedPoints);
                    latePoints.forEach(point -> late.get(point.reason()).increment());
                    deltas.increment(minuteDeltas);
                }
            }
        });
    }
}
