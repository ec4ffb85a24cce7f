package io.whalefall.query.metrics;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.query.readmodel.ProjectionMetrics;
import io.whalefall.windows.Resolution;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies {@code MetricWindowsUpdated} to the metric window read model. Windows whose partition is already
 * due for dropping under the retention are skipped (they would be gone at the next upkeep anyway).
 */
@ApplicationScoped
public class MetricWindowsUpdatedHandler implements MessageHandler<MetricWindowsUpdated> {

    /** PostgreSQL's check_violation: also what an insert into a range without a partition fails with. */
    private static final String NO_PARTITION = "23514";

    private final MetricWindowProjection projection;
    private final WindowPartitions partitions;
    private final ProjectionMetrics metrics;
    private final MetricWindowsConfig config;
    private final Clock clock;

    public MetricWindowsUpdatedHandler(MetricWindowProjection projection, WindowPartitions partitions,
            ProjectionMetrics metrics, MetricWindowsConfig config, Clock clock) {
        this.projection = projection;
        this.partitions = partitions;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public MessageType type() {
        return MessageType.METRIC_WINDOWS_UPDATED;
    }

    @Override
    public void handle(Envelope<MetricWindowsUpdated> message) {
        Instant now = clock.instant();
        List<IncomingWindow> windows = IncomingWindows.read(message.payload(), now, config.maxWindowAhead()).stream()
                .filter(w -> !partitions.isExpired(w.resolution(), w.start(), now)).toList();
        Map<Resolution, List<Instant>> starts = windows.stream().collect(Collectors.groupingBy(
                IncomingWindow::resolution, Collectors.mapping(IncomingWindow::start, Collectors.toList())));
        starts.forEach(partitions::ensure);
        try {
            metrics.record(type().typeName(), projection.apply(windows) > 0);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql && NO_PARTITION.equals(sql.getSQLState())) {
                // another replica dropped a partition this one still believed in: look again on the retry
                partitions.forgetKnownPartitions();
            }
            throw e;
        }
    }
}
