package io.whalefall.aggregation.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.whalefall.windows.Resolution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The window engine's counters: points accepted, points kept aside as late (by reason) and window states
 * written (by resolution). They move when the transaction that did the work commits, so a batch retried
 * after a failure is counted once.
 */
@ApplicationScoped
public class WindowMeters {

    private final TransactionSynchronizationRegistry transactions;
    private final Counter accepted;
    private final Map<LatePoint.Reason, Counter> late = new EnumMap<>(LatePoint.Reason.class);
    private final Map<Resolution, Counter> written = new EnumMap<>(Resolution.class);

    public WindowMeters(TransactionSynchronizationRegistry transactions, MeterRegistry meters) {
        this.transactions = transactions;
        this.accepted = Counter.builder("whalefall.metric.points.accepted")
                .description("Metric points folded into their windows").register(meters);
        for (LatePoint.Reason reason : LatePoint.Reason.values()) {
            late.put(reason, Counter.builder("whalefall.metric.points.late").tag("reason", reason.code())
                    .description("Metric points kept out of the windows and aside for audit").register(meters));
        }
        for (Resolution resolution : Resolution.values()) {
            written.put(resolution, Counter.builder("whalefall.metric.windows.written").tag("resolution", resolution.code())
                    .description("Window states written (created or updated)").register(meters));
        }
    }

    /** Counts a batch's outcome once the current transaction has committed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void countOnCommit(int acceptedPoints, List<LatePoint> latePoints, Map<Resolution, Integer> written) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    accepted.increment(acceptedPoints);
                    latePoints.forEach(point -> late.get(point.reason()).increment());
                    written.forEach((resolution, windows) -> WindowMeters.this.written.get(resolution).increment(windows));
                }
            }
        });
    }
}
