package io.whalefall.ingestion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static io.whalefall.ingestion.Fixtures.as;
import static io.whalefall.ingestion.Fixtures.databaseSample;
import static io.whalefall.ingestion.Fixtures.registerInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With tracing on, one trace runs from an HTTP request or a consumed message through the outbox to the bus. */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@IngestionTestResource
class TracingTest {

    /** The SDK on, spans exported as they end, and only to the in-memory exporter (no collector here). */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.simple", "true",
                    "quarkus.otel.exporter.otlp.enabled", "false");
        }
    }

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final String CONSUMER_SPAN = "process stats-ingestion.stats-collected";

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    InMemorySpanExporter spans;

    TestBus bus;
    String events;

    @BeforeEach
    void tapEvents() {
        bus = new TestBus(infrastructure.virtualHost());
        events = bus.tap("whalefall.events", "stats.ingested");
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void anEventPublishedForAnHttpRequestContinuesTheRequestsTrace() {
        long id = registerInstance();
        as("collector").body(Map.of("databases", List.of(databaseSample(id, "orders", 10, "2026-11-20T10:00:00+08:00"))))
                .post("/api/v1/capacity/stats").then().statusCode(202);

        Traceparent published = Traceparent.of(awaitStatsIngested(id));
        SpanData server = await().atMost(Duration.ofSeconds(10)).until(
                () -> finished(s -> s.getKind() == SpanKind.SERVER && s.getSpanId().equals(published.parentId())),
                Optional::isPresent).orElseThrow();
        assertThat(server.getTraceId()).isEqualTo(published.traceId());
        assertThat(server.getName()).contains("/api/v1/capacity/stats");
    }

    @Test
    void aConsumedMessageContinuesItsCallersTraceAndPassesItOn() {
        long id = registerInstance();
        ObjectNode command = TestBus.envelope("StatsCollected",
                Map.of("databases", List.of(databaseSample(id, "orders", 20, "2026-11-20T10:00:00+08:00"))));
        bus.publish("whalefall.commands", "stats.collected", command,
                Map.of("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01"));

        Traceparent published = Traceparent.of(awaitStatsIngested(id));
        SpanData consumer = await().atMost(Duration.ofSeconds(10)).until(
                () -> finished(s -> s.getName().equals(CONSUMER_SPAN) && s.getTraceId().equals(TRACE_ID)),
                Optional::isPresent).orElseThrow();
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
        assertThat(consumer.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        // the event the handler wrote continues the same trace, as a child of the consumer span
        assertThat(published.traceId()).isEqualTo(TRACE_ID);
        assertThat(published.parentId()).isEqualTo(consumer.getSpanId());
    }

    @Test
    void aDeadLetteredMessageKeepsItsTraceContextAndItsSpanRecordsTheError() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String traceparent = "00-" + traceId + "-b7ad6b7169203331-01";
        bus.publishRaw("whalefall.commands", "stats.collected", "{not json".getBytes(StandardCharsets.UTF_8),
                "broken-traced", "StatsCollected", Map.of("traceparent", traceparent));

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dead.addAll(bus.drainRaw("stats-ingestion.stats-collected.dlq"));
            return dead.stream().anyMatch(m -> traceparent.equals(m.header("traceparent")));
        });
        SpanData consumer = await().atMost(Duration.ofSeconds(10)).until(
                () -> finished(s -> s.getName().equals(CONSUMER_SPAN) && s.getTraceId().equals(traceId)),
                Optional::isPresent).orElseThrow();
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumer.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    /** Waits for the StatsIngested event about {@code instanceId} and returns its traceparent header. */
    private String awaitStatsIngested(long instanceId) {
        List<TestBus.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(bus.drain(events));
            return received.stream().anyMatch(m -> mentions(m, instanceId));
        });
        TestBus.Received event = received.stream().filter(m -> mentions(m, instanceId)).findFirst().orElseThrow();
        Object traceparent = event.headers() == null ? null : event.headers().get("traceparent");
        assertThat(traceparent).as("traceparent header of %s", event.text()).isNotNull();
        return traceparent.toString();
    }

    private static boolean mentions(TestBus.Received event, long instanceId) {
        return event.payload().at("/databases/instance_id/0").asLong() == instanceId;
    }

    private Optional<SpanData> finished(Predicate<SpanData> match) {
        return spans.getFinishedSpanItems().stream().filter(match).findFirst();
    }

    /** A W3C traceparent: version, trace id, parent span id, flags. */
    private record Traceparent(String traceId, String parentId) {
        static Traceparent of(String header) {
            String[] parts = header.split("-");
            assertThat(parts).as("traceparent %s", header).hasSize(4);
            return new Traceparent(parts[1], parts[2]);
        }
    }
}
