package io.whalefall.ingestion.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.ingestion.IngestionTestResource;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.whalefall.ingestion.metrics.MetricFixtures.eventsOf;
import static io.whalefall.ingestion.metrics.MetricFixtures.newRun;
import static io.whalefall.ingestion.metrics.MetricFixtures.point;
import static io.whalefall.ingestion.metrics.MetricFixtures.recent;
import static io.whalefall.ingestion.metrics.MetricFixtures.storedPoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** MetricPointsCollected commands through the real broker. */
@QuarkusTest
@IngestionTestResource
class MetricPointsBusTest {

    private static final String DLQ = "stats-ingestion.metrics-collected.dlq";

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    TestBus bus;

    @BeforeEach
    void connect() {
        bus = new TestBus(infrastructure.virtualHost());
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void aBatchOnTheBusIsStoredAndAnnouncedOnceEvenWhenDeliveredTwice() {
        String run = newRun();
        String events = bus.tap("whalefall.events", "metrics.ingested.*");
        Instant t = recent();
        ObjectNode message = TestBus.envelope("MetricPointsCollected", Map.of("points", List.of(
                point(run, "db.qps", "db-1", t, 120), point(run, "db.qps", "db-1", t.plusSeconds(15), 130))));
        bus.publish("whalefall.commands", "metrics.collected", message);
        bus.publish("whalefall.commands", "metrics.collected", message); // the same message delivered twice

        await().atMost(Duration.ofSeconds(10)).until(() -> storedPoints(dataSource, run) == 2);
        List<TestBus.Received> announced = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            announced.addAll(eventsOf(bus.drain(events), run));
            return !announced.isEmpty();
        });
        // the redelivery is recognised: no second event follows
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> {
            announced.addAll(eventsOf(bus.drain(events), run));
            return announced.size() == 1;
        });
        assertThat(announced.get(0).payload().path("points")).hasSize(2);
        assertThat(announced.get(0).body().path("source").asText()).isEqualTo("stats-ingestion");
    }

    @Test
    void anInvalidBatchOnTheBusIsDeadLetteredWithItsReasonAndNothingIsStored() {
        String run = newRun();
        Map<String, Object> infinite = point(run, "db.qps", "db-1", recent(), 1);
        infinite.remove("value");
        ObjectNode invalid = TestBus.envelope("MetricPointsCollected", Map.of("points", List.of(
                point(run, "db.qps", "db-1", recent().minusSeconds(1), 1), infinite)));
        bus.publish("whalefall.commands", "metrics.collected", invalid);
        ObjectNode good = TestBus.envelope("MetricPointsCollected", Map.of("points", List.of(
                point(run, "db.qps", "db-2", recent(), 5))));
        bus.publish("whalefall.commands", "metrics.collected", good);

        await().atMost(Duration.ofSeconds(10)).until(() -> storedPoints(dataSource, run) == 1);
        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dead.addAll(bus.drainRaw(DLQ));
            return dead.stream().anyMatch(m -> m.body().contains(run));
        });
        assertThat(dead).filteredOn(m -> m.body().contains(run)).singleElement().satisfies(m -> {
            assertThat(m.header("x-whalefall-dead-letter-reason")).contains("points[1].value").contains("is required");
            assertThat(m.header("x-whalefall-original-queue")).isEqualTo("stats-ingestion.metrics-collected");
        });
    }
}
