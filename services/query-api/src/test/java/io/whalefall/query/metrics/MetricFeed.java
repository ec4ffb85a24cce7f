package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.contracts.metrics.MetricSeriesDeltas;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.contracts.metrics.MinuteDelta;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Publishes {@code MetricWindowsUpdated} events (minute deltas) on the real bus, as period-aggregation does,
 * and waits until query-api has processed them.
 */
final class MetricFeed implements AutoCloseable {

    static final String DLQ = "query-api.metric-windows.dlq";
    /** Minute deltas per event: several events per test series, as the producer splits large batches. */
    private static final int CHUNK = 500;
    private static final MessageType TYPE = MessageType.METRIC_WINDOWS_UPDATED;

    private final TestBus bus;
    private final Jdbc jdbc;

    MetricFeed(TestInfrastructure infrastructure, AgroalDataSource dataSource) {
        this.bus = new TestBus(infrastructure.virtualHost());
        this.jdbc = new Jdbc(dataSource);
    }

    TestBus bus() {
        return bus;
    }

    /**
     * Publishes one event with these series' deltas on the routing key of the first one's partition, as
     * period-aggregation does; returns its envelope.
     */
    ObjectNode publish(List<MetricSeriesDeltas> series) {
        ObjectNode envelope = TestBus.envelope(TYPE.typeName(), new MetricWindowsUpdated(series, Instant.now()));
        int partition = MetricPartitions.of(UUID.fromString(series.get(0).seriesId()));
        bus.publish(TYPE.destination().defaultExchange(), MetricPartitions.routingKey(TYPE, partition), envelope);
        return envelope;
    }

    /** Publishes an envelope as it is (a redelivery, say), without a partition, as publishers before them did. */
    void publish(ObjectNode envelope) {
        bus.publish(TYPE.destination().defaultExchange(), TYPE.routingKey(), envelope);
    }

    /**
     * Publishes the deltas in events of at most {@value #CHUNK} minutes, as the producer splits large batches,
     * and waits until every event has been processed.
     */
    void apply(List<MetricSeriesDeltas> series) {
        List<ObjectNode> envelopes = new ArrayList<>();
        for (MetricSeriesDeltas one : series) {
            List<MinuteDelta> minutes = one.minutes();
            for (int from = 0; from < minutes.size(); from += CHUNK) {
                envelopes.add(publish(List.of(new MetricSeriesDeltas(one.seriesId(), one.metric(), one.labels(),
                        one.histogramBounds(), minutes.subList(from, Math.min(from + CHUNK, minutes.size()))))));
            }
        }
        envelopes.forEach(this::awaitProcessed);
    }

    /** Publishes every series' points as minute deltas and waits for them. */
    void apply(RawSeries... series) {
        apply(Arrays.stream(series).map(RawSeries::deltas).toList());
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
