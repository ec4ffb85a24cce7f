package io.whalefall.ingestion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.whalefall.ingestion.Fixtures.databaseSample;
import static io.whalefall.ingestion.Fixtures.registerInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Collector batches published on the bus, through the real broker. */
@QuarkusTest
@IngestionTestResource
class StatsBusTest {

    private static final String DLQ = "stats-ingestion.stats-collected.dlq";

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
    void aBatchOnTheBusIsStoredLikeARestBatchAndARedeliveryIsAppliedOnce() throws Exception {
        long id = registerInstance();
        ObjectNode message = TestBus.envelope("StatsCollected", Map.of("databases", List.of(
                databaseSample(id, "orders", 700, "2026-11-20T10:00:00+08:00"),
                databaseSample(id, "users", 70, "2026-11-20T10:00:00+08:00"))));
        bus.publish("whalefall.commands", "stats.collected", message);
        bus.publish("whalefall.commands", "stats.collected", message); // the same message delivered twice

        await().atMost(Duration.ofSeconds(10)).until(() -> samples(id) == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> samples(id) == 2);
        assertThat(processed(message.path("message_id").asText())).isEqualTo(1);
    }

    @Test
    void aBrokenMessageGoesToTheDeadLetterQueueWithItsReasonAndTheNextOneIsProcessed() throws Exception {
        long id = registerInstance();
        bus.publishRaw("whalefall.commands", "stats.collected", "{not json".getBytes(StandardCharsets.UTF_8),
                "broken-1", "StatsCollected");
        ObjectNode invalid = TestBus.envelope("StatsCollected", Map.of("databases", List.of(
                Map.of("instance_id", id, "database_name", "x", "collected_at", "2026-11-20T10:00:00+08:00"))));
        bus.publish("whalefall.commands", "stats.collected", invalid);
        ObjectNode good = TestBus.envelope("StatsCollected", Map.of("databases", List.of(
                databaseSample(id, "orders", 1, "2026-11-20T10:00:00+08:00"))));
        bus.publish("whalefall.commands", "stats.collected", good);

        await().atMost(Duration.ofSeconds(10)).until(() -> samples(id) == 1);
        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dead.addAll(bus.drainRaw(DLQ));
            return dead.size() >= 2;
        });
        assertThat(dead).extracting(m -> m.header("x-whalefall-dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("not valid JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("databases[0].size_mb").contains("is required"));
        assertThat(dead).extracting(TestBus.RawMessage::body).contains("{not json");
        assertThat(dead).allSatisfy(m -> assertThat(m.header("x-whalefall-original-queue"))
                .isEqualTo("stats-ingestion.stats-collected"));
    }

    @Test
    void aMessageOfAnUnknownTypeIsDeadLetteredNotDropped() {
        bus.publish("whalefall.commands", "stats.collected", TestBus.envelope("SomethingElse", Map.of("a", 1)));
        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dead.addAll(bus.drainRaw(DLQ));
            return dead.stream().anyMatch(m -> m.body().contains("SomethingElse"));
        });
        assertThat(dead).filteredOn(m -> m.body().contains("SomethingElse"))
                .extracting(m -> m.header("x-whalefall-dead-letter-reason"))
                .allSatisfy(reason -> assertThat(reason).contains("no handler for message type 'SomethingElse'"));
    }

    private long samples(long instanceId) throws Exception {
        return query("SELECT count(*) FROM database_size_sample WHERE instance_id = ?", instanceId);
    }

    private long processed(String messageId) throws Exception {
        return query("SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", messageId);
    }

    private long query(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
