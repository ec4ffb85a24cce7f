package io.whalefall.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.database;
import static io.whalefall.query.Fixtures.instance;
import static io.whalefall.query.Fixtures.instanceRow;
import static io.whalefall.query.Fixtures.newId;
import static io.whalefall.query.Fixtures.period;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The read model is built from the events on the bus: newest revision and version win, bad events are parked. */
@QuarkusTest
@QueryTestResource
class ReadModelTest {

    private static final String DLQ = "query-api.read-model.dlq";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    EventFeed feed;

    @BeforeEach
    void connect() {
        feed = new EventFeed(infrastructure, dataSource);
    }

    @AfterEach
    void disconnect() {
        feed.close();
    }

    @Test
    void aNewerRevisionReplacesThePeriodsWholeSetOfDatabasesAndAnOlderOneChangesNothing() {
        long id = newId();
        feed.apply(MessageType.PERIOD_COMPLETED,
                period(id, PeriodType.DAILY, DAY, 1, instanceRow(300, 2, null),
                        List.of(database("alpha", 100, null), database("beta", 200, null))));
        List<Integer> firstIds = as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/databases")
                .then().statusCode(200).extract().jsonPath().getList("data.items.id");
        int firstInstanceRowId = as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/instances")
                .then().statusCode(200).extract().jsonPath().getInt("data.items[0].id");
        assertThat(firstIds).hasSize(2).doesNotHaveDuplicates().allSatisfy(rowId -> assertThat(rowId).isPositive());

        feed.apply(MessageType.PERIOD_COMPLETED,
                period(id, PeriodType.DAILY, DAY, 3, instanceRow(450, 2, null),
                        List.of(database("alpha", 150, null), database("gamma", 300, null))),
                // a late copy of an older computation
                period(id, PeriodType.DAILY, DAY, 2, instanceRow(999, 1, null), List.of(database("alpha", 999, null))));

        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.database_name", contains("alpha", "gamma"))
                .body("data.items.avg_size_mb", contains(150, 300))
                .body("data.items.revision", contains(3, 3))
                // alpha's row keeps its id through the new revision; gamma is a new row
                .body("data.items[0].id", equalTo(firstIds.get(0)))
                .body("data.items[1].id", not(in(firstIds)));
        // a partial page is counted from the per-period row counts, which follow the revision too
        as("viewer").queryParam("instance_id", id).queryParam("limit", 1).get("/api/v1/capacity/databases").then()
                .statusCode(200).body("data.total", equalTo(2)).body("data.pages", equalTo(2));
        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/instances").then().statusCode(200)
                .body("data.items.total_size_mb", contains(450))
                .body("data.items.revision", contains(3))
                .body("data.items[0].id", equalTo(firstInstanceRowId));
    }

    @Test
    void aRecomputationThatFindsNoDataRemovesThePeriodsRows() {
        long id = newId();
        feed.apply(MessageType.PERIOD_COMPLETED,
                period(id, PeriodType.WEEKLY, DAY, 1, instanceRow(100, 1, null), List.of(database("alpha", 100, null))),
                period(id, PeriodType.WEEKLY, DAY, 2, null, List.of()));

        as("viewer").queryParam("instance_id", id).queryParam("page", 2).queryParam("limit", 1)
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items", empty()).body("data.total", equalTo(0));
        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/instances").then().statusCode(200)
                .body("data.items", empty());
    }

    @Test
    void itemsCarryTheInstanceWithTheHighestVersionOnceItIsKnown() {
        long id = newId();
        feed.apply(MessageType.PERIOD_COMPLETED,
                period(id, PeriodType.DAILY, DAY, 1, instanceRow(10, 1, null), List.of(database("alpha", 10, null))));
        // aggregates may arrive before the instance: the item still lists, with an unknown name
        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items[0].instance.id", equalTo((int) id))
                .body("data.items[0].instance.name", nullValue());

        feed.apply(MessageType.INSTANCE_UPSERTED, instance(id, "orders-primary", "postgresql", 2, null),
                instance(id, "stale-name", "mysql", 1, null));

        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items[0].instance.name", equalTo("orders-primary"))
                .body("data.items[0].instance.db_type", equalTo("postgresql"));
    }

    @Test
    void anEventThatCanNeverBeAppliedIsDeadLetteredWithItsReasonAndTheNextOneIsApplied() {
        long id = newId();
        feed.publish(MessageType.PERIOD_COMPLETED, period(id, PeriodType.DAILY, DAY, 1, instanceRow(20, 2, null),
                List.of(database("twice", 10, null), database("twice", 10, null))));
        feed.apply(MessageType.PERIOD_COMPLETED,
                period(id, PeriodType.DAILY, DAY.plusDays(1), 1, instanceRow(10, 1, null),
                        List.of(database("once", 10, null))));

        assertDeadLetteredWithReason(id, "'twice' appears twice");
        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.database_name", contains("once"));
    }

    @Test
    void aBurstOfEventsIsAppliedTogetherWithTheSameOutcomeAsOneByOne() {
        long first = newId();
        long second = newId();
        long poisoned = newId();
        List<ObjectNode> applied = new ArrayList<>();
        // published at once, so that they arrive within one batch window
        applied.add(feed.publish(MessageType.PERIOD_COMPLETED, period(first, PeriodType.DAILY, DAY, 2,
                instanceRow(150, 1, null), List.of(database("alpha", 150, null)))));
        applied.add(feed.publish(MessageType.PERIOD_COMPLETED, period(first, PeriodType.DAILY, DAY, 1,
                instanceRow(300, 2, null), List.of(database("alpha", 100, null), database("beta", 200, null)))));
        applied.add(feed.publish(MessageType.PERIOD_COMPLETED, period(second, PeriodType.WEEKLY, DAY, 1,
                instanceRow(70, 1, null), List.of(database("gamma", 70, null)))));
        applied.add(feed.publish(MessageType.PERIOD_COMPLETED, period(second, PeriodType.DAILY, DAY, 1, null,
                List.of())));
        feed.publish(MessageType.PERIOD_COMPLETED, period(poisoned, PeriodType.DAILY, DAY, 1, instanceRow(20, 2, null),
                List.of(database("twice", 10, null), database("twice", 10, null))));
        applied.add(feed.publish(MessageType.INSTANCE_UPSERTED, instance(second, "billing", "mysql", 1, null)));
        applied.forEach(feed::awaitProcessed);

        // the newest revision wins whatever the order within the batch
        as("viewer").queryParam("instance_id", first).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.database_name", contains("alpha"))
                .body("data.items.avg_size_mb", contains(150))
                .body("data.items.revision", contains(2));
        as("viewer").queryParam("instance_id", first).get("/api/v1/capacity/instances").then().statusCode(200)
                .body("data.items.total_size_mb", contains(150));
        as("viewer").queryParam("instance_id", second).queryParam("period_type", "weekly")
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.database_name", contains("gamma"))
                .body("data.items[0].instance.name", equalTo("billing"));
        // the poisoned event alone went to the dead-letter queue, with its reason
        assertDeadLetteredWithReason(poisoned, "'twice' appears twice");
        as("viewer").queryParam("instance_id", poisoned).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items", empty());
    }

    @Test
    void eventsThatArriveTogetherShareOneTransaction() {
        long id = newId();
        List<ObjectNode> envelopes = new ArrayList<>();
        for (int day = 0; day < 20; day++) {
            envelopes.add(feed.publish(MessageType.PERIOD_COMPLETED, period(id, PeriodType.DAILY, DAY.plusDays(day), 1,
                    instanceRow(10, 1, null), List.of(database("alpha", 10, null)))));
        }
        envelopes.forEach(feed::awaitProcessed);
        // processed_at is the transaction's start: fewer distinct values than events means batches were applied
        long transactions = feed.count("SELECT count(DISTINCT processed_at) FROM processed_message"
                + " WHERE message_id = ANY(?::text[]::uuid[])",
                SqlArray.texts(envelopes.stream().map(e -> e.path("message_id").asText()).toList()));
        assertThat(transactions).isLessThan(envelopes.size());
        as("viewer").queryParam("instance_id", id).queryParam("limit", 100).get("/api/v1/capacity/databases").then()
                .statusCode(200).body("data.total", equalTo(20));
    }

    /** Waits for the instance's dead-lettered events; each carries the reason. */
    private void assertDeadLetteredWithReason(long instanceId, String reason) {
        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            dead.addAll(feed.bus().drainRaw(DLQ));
            return dead.stream().anyMatch(m -> m.body().contains("\"instance_id\":" + instanceId));
        });
        assertThat(dead).filteredOn(m -> m.body().contains("\"instance_id\":" + instanceId))
                .extracting(m -> m.header("x-whalefall-dead-letter-reason"))
                .allSatisfy(header -> assertThat(header).contains(reason));
    }
}
