package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricWindow;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Publishes {@code MetricWindowsUpdated} events on the real bus, as period-aggregation does, and waits until
 * query-api has processed them.
 */
final class MetricFeed implements AutoCloseable {

    static final String DLQ = "query-api.metric-windows.dlq";
    /** Windows per event: several events per test series, as the producer splits large batches. */
    private static final int CHUNK = 500;

    private final TestBus bus;
    private final Jdbc jdbc;

    MetricFeed(TestInfrastructure infrastructure, AgroalDataSource dataSource) {
        this.bus = new TestBus(infrastructure.virtualHost());
        this.jdbc = new Jdbc(dataSource);
    }

    TestBus bus() {
        return bus;
    }

    /** Publishes one event with these windows; returns its envelope. */
    ObjectNode publish(List<MetricWindow> windows) {
        MessageType type = MessageType.METRIC_WINDOWS_UPDATED;
        ObjectNode envelope = TestBus.envelope(type.typeName(), new MetricWindowsUpdated(windows, Instant.now()));
        bus.publish(type.destination().defaultExchange(), type.routingKey(), envelope);
        return envelope;
    }

    /** Publishes the windows in chunks (processed concurrently) and waits until every chunk has been processed. */
    void apply(List<MetricWindow> windows) {
        List<ObjectNode> envelopes = new ArrayList<>();
        for (int from = 0; from < windows.size(); from += CHUNK) {
            envelopes.add(publish(windows.subList(from, Math.min(from + CHUNK, windows.size()))));
        }
        envelopes.forEach(this::awaitProcessed);
    }

    /** Publishes every series' windows of every resolution at revision 1 and waits for them. */
    void apply(RawSeries... series) {
        List<MetricWindow> windows = new ArrayList<>();
        for (RawSeries one : series) {
            windows.addAll(one.windows(1));
        }
        apply(windows);
    }

    /** Waits until the inbox has recorded the envelope's message as processed. */
    void awaitProcessed(ObjectNode envelope) {
        String id = envelope.path("message_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", id) == 1);
    }

    /** A count query against the read model. */
    long count(String sql, Object... parameters) {
        return jdbc.count(sql, Arrays.asList(parameters));
    }

    @Override
    public void close() {
        bus.close();
    }
}
