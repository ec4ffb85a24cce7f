package io.whalefall.aggregation.metrics;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricWindow;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Announces changed windows with {@code MetricWindowsUpdated}, in chunks of bounded size, through the
 * outbox of the transaction that changed them.
 */
@ApplicationScoped
public class WindowEvents {

    private final Outbox outbox;
    private final MetricsConfig config;
    private final Clock clock;

    public WindowEvents(Outbox outbox, MetricsConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Publishes the windows changed by {@code cause}; nothing when none changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Envelope<?> cause, List<ChangedWindow> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<MetricWindow> windows = changed.stream().map(ChangedWindow::toContract).toList();
        Instant now = clock.instant();
        int size = config.maxWindowsPerEvent();
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int from = 0; from < windows.size(); from += size) {
            messages.add(OutgoingMessage.causedBy(cause, MessageType.METRIC_WINDOWS_UPDATED,
                    new MetricWindowsUpdated(windows.subList(from, Math.min(from + size, windows.size())), now)));
        }
        outbox.addAll(messages);
    }
}
