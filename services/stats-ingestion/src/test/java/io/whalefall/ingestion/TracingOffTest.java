package io.whalefall.ingestion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.whalefall.ingestion.Fixtures.as;
import static io.whalefall.ingestion.Fixtures.databaseSample;
import static io.whalefall.ingestion.Fixtures.registerInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tracing is off by default: a caller's trace context is neither continued nor passed on, and all else works. */
@QuarkusTest
@IngestionTestResource
class TracingOffTest {

    private static final String CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @InjectInfrastructure
    TestInfrastructure infrastructure;

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
    void eventsCarryNoTraceContextWhetherCausedByARequestOrAMessage() {
        long viaHttp = registerInstance();
        as("collector").header("traceparent", CALLER)
                .body(Map.of("databases", List.of(databaseSample(viaHttp, "orders", 10, "2026-11-20T10:00:00+08:00"))))
                .post("/api/v1/capacity/stats").then().statusCode(202);
        long viaBus = registerInstance();
        ObjectNode command = TestBus.envelope("StatsCollected",
                Map.of("databases", List.of(databaseSample(viaBus, "orders", 20, "2026-11-20T10:00:00+08:00"))));
        bus.publish("whalefall.commands", "stats.collected", command, Map.of("traceparent", CALLER));

        List<TestBus.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(bus.drain(events));
            return received.stream().anyMatch(m -> about(m, viaHttp)) && received.stream().anyMatch(m -> about(m, viaBus));
        });
        assertThat(received).filteredOn(m -> about(m, viaHttp) || about(m, viaBus)).hasSize(2)
                .allSatisfy(m -> assertThat(m.headers() == null ? Map.of() : m.headers())
                        .doesNotContainKeys("traceparent", "tracestate"));
    }

    private static boolean about(TestBus.Received event, long instanceId) {
        return event.payload().at("/databases/instance_id/0").asLong() == instanceId;
    }
}
