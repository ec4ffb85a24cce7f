package io.whalefall.aggregation.metrics;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.contracts.metrics.MetricSeriesDeltas;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.contracts.metrics.MinuteDelta;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import io.whalefall.windows.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Announces what a batch added to the windows with {@code MetricWindowsUpdated}: per series, the delta of
 * every minute window it touched, in events of at most {@code max-deltas-per-event} deltas, through the
 * outbox of the transaction that merged them, with the routing key of the batch's partition. Deltas, not
 * full states: an event of a one-point-per-series batch carries one small state per series instead of three
 * growing ones.
 */
@ApplicationScoped
public class WindowEvents {

    private static final Comparator<WindowDelta> SERIES_ORDER = Comparator
            .comparing((WindowDelta delta) -> delta.series().id()).thenComparing(WindowDelta::minute);

    private final Outbox outbox;
    private final MetricsConfig config;
    private final Clock clock;

    public WindowEvents(Outbox outbox, MetricsConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Publishes the deltas {@code cause} made; nothing when there are none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Envelope<?> cause, List<WindowDelta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        List<WindowDelta> sorted = deltas.stream().sorted(SERIES_ORDER).toList();
        Instant now = clock.instant();
        int size = config.maxDeltasPerEvent();
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += size) {
            List<WindowDelta> part = sorted.subList(from, Math.min(from + size, sorted.size()));
            // a batch holds one partition's series (the partition of its queue), so its first series names it
            int partition = MetricPartitions.of(part.get(0).series().id());
            messages.add(OutgoingMessage.causedBy(cause, MessageType.METRIC_WINDOWS_UPDATED,
                    new MetricWindowsUpdated(bySeries(part), now))
                    .routedTo(MetricPartitions.routingKey(MessageType.METRIC_WINDOWS_UPDATED, partition)));
        }
        outbox.addAll(messages);
    }

    /** Deltas sorted by series, grouped per series (a series split between two events appears in both). */
    private static List<MetricSeriesDeltas> bySeries(List<WindowDelta> deltas) {
        List<MetricSeriesDeltas> series = new ArrayList<>();
        List<MinuteDelta> minutes = new ArrayList<>();
        for (int i = 0; i < deltas.size(); i++) {
            WindowDelta delta = deltas.get(i);
            minutes.add(new MinuteDelta(delta.minute(), delta.state().count(),
                    Base64.getEncoder().encodeToString(delta.state().encode())));
            boolean lastOfSeries = i + 1 == deltas.size() || !deltas.get(i + 1).series().equals(delta.series());
            if (lastOfSeries) {
                SeriesKey key = delta.series();
                series.add(new MetricSeriesDeltas(key.id().toString(), key.metric(), key.labels(),
                        delta.state().bounds().toString(), minutes));
                minutes = new ArrayList<>();
            }
        }
        return series;
    }
}
