package io.whalefall.aggregation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.contracts.stats.StatsIngested;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code StatsIngested} since version 3 carries its samples as columns. A version 2 event, which listed them
 * as objects, may still wait in the queue when period-aggregation is upgraded: it is folded all the same.
 * Columns that do not line up are dead-lettered with the reason, and nothing of them is folded.
 */
@QuarkusTest
@AggregationTestResource
class StatsIngestedVersionsTest {

    private static final String DAILY = "SELECT samples, size_sum, data_samples, log_samples FROM database_day "
            + "WHERE instance_id = ? ORDER BY day, database_name";

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    TestBus bus;
    AggregationDriver driver;

    @BeforeEach
    void connect() {
        bus = new TestBus(infrastructure.virtualHost());
        driver = new AggregationDriver(bus, dataSource);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void aVersion2EventListingSamplesAsObjectsIsFoldedLikeColumns() {
        long id = driver.instance("version-2", true);
        ObjectNode envelope = TestBus.envelope("StatsIngested", Map.of(
                "batch_id", UUID.randomUUID(), "part", 1, "parts", 1,
                "databases", List.of(
                        sample(id, "orders", 100, "2026-03-02T09:00:00+08:00"),
                        sample(id, "orders", 300, "2026-03-02T01:00:00Z"),
                        // 23:30 on 03-02 in UTC is 07:30 on 03-03 in the aggregation zone (+08:00)
                        sample(id, "orders", 50, "2026-03-02T23:30:00Z")),
                "instances", List.of(),
                "ingested_at", Instant.now().toString()));
        envelope.put("version", 2);
        bus.publish("whalefall.events", "stats.ingested", envelope);
        driver.awaitProcessed(envelope.path("message_id").asText());

        assertThat(driver.rows(DAILY, id)).containsExactly(
                Map.of("samples", 2, "size_sum", 400L, "data_samples", 2, "log_samples", 0),
                Map.of("samples", 1, "size_sum", 50L, "data_samples", 1, "log_samples", 0));
    }

    @Test
    void columnsOfUnequalLengthAreDeadLetteredWithTheReasonAndFoldNothing() {
        long id = driver.instance("short-column", true);
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T09:00:00+08:00");
        DatabaseSampleColumns columns = DatabaseSampleColumns.of(List.of(
                new DatabaseSizeSample(id, "orders", 100L, 100L, null, at),
                new DatabaseSizeSample(id, "users", 10L, 10L, null, at)));
        DatabaseSampleColumns shortSizes = new DatabaseSampleColumns(columns.instanceId(), columns.databaseName(),
                columns.collectedAtUnixUs(), new Long[] {100L}, columns.dataSizeMb(), columns.logSizeMb());
        String messageId = driver.publish("whalefall.events", "stats.ingested", "StatsIngested", new StatsIngested(
                UUID.randomUUID(), 1, 1, shortSizes, InstanceSampleColumns.of(List.of()), Instant.now()));

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dead.addAll(bus.drainRaw("period-aggregation.facts.dlq"));
            return dead.stream().anyMatch(m -> m.body().contains(messageId));
        });
        assertThat(dead).filteredOn(m -> m.body().contains(messageId)).singleElement()
                .satisfies(m -> assertThat(m.header("x-whalefall-dead-letter-reason")).contains("with 2 values"));
        assertThat(driver.rows(DAILY, id)).isEmpty();
    }

    private static Map<String, Object> sample(long instanceId, String database, long size, String collectedAt) {
        return Map.of("instance_id", instanceId, "database_name", database, "size_mb", size, "data_size_mb", size,
                "collected_at", collectedAt);
    }
}
