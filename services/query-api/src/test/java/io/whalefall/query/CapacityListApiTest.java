package io.whalefall.query;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.daily;
import static io.whalefall.query.Fixtures.database;
import static io.whalefall.query.Fixtures.instance;
import static io.whalefall.query.Fixtures.instanceRow;
import static io.whalefall.query.Fixtures.newId;
import static io.whalefall.query.Fixtures.period;
import static io.whalefall.query.Fixtures.today;
import static io.whalefall.query.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** {@code GET /api/v1/capacity/databases} and {@code /instances}: WhaleFall's list contract. */
@QuarkusTest
@QueryTestResource
class CapacityListApiTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

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
    void aPageComesInTheWhaleFallListEnvelopeAndEachItemCarriesEveryColumnAndItsInstance() {
        long id = newId();
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(id, "billing-db", "mysql", 1, null));
        feed.apply(MessageType.PERIOD_COMPLETED, daily(id, DAY, List.of(database("a", 10, null),
                database("b", 20, 16L), database("c", 30, null))));

        JsonPath body = as("viewer").queryParam("instance_id", id).queryParam("limit", 2)
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("success", equalTo(true)).body("error", equalTo(false))
                .body("message", equalTo("Found 3 database aggregates")).body("timestamp", notNullValue())
                .body("data.total", equalTo(3)).body("data.page", equalTo(1)).body("data.pages", equalTo(2))
                .body("data.limit", equalTo(2)).body("data.has_prev", equalTo(false)).body("data.has_next", equalTo(true))
                .body("data.items.database_name", contains("a", "b"))
                .extract().jsonPath();

        Map<String, Object> item = body.getMap("data.items[1]");
        assertThat(item).containsOnlyKeys("id", "instance_id", "database_name", "period_type", "period_start", "period_end",
                "avg_size_mb", "max_size_mb", "min_size_mb", "avg_data_size_mb", "max_data_size_mb", "min_data_size_mb",
                "avg_log_size_mb", "max_log_size_mb", "min_log_size_mb", "data_count", "days_with_data", "days_in_period",
                "previous_avg_size_mb", "size_change_mb", "size_change_percent", "data_size_change_mb",
                "data_size_change_percent", "log_size_change_mb", "log_size_change_percent", "growth_rate", "revision",
                "complete", "calculated_at", "instance");
        assertThat(item).containsEntry("period_type", "daily").containsEntry("period_start", "2026-05-04")
                .containsEntry("period_end", "2026-05-04").containsEntry("avg_size_mb", 20)
                .containsEntry("previous_avg_size_mb", 16).containsEntry("size_change_mb", 4)
                .containsEntry("complete", true);
        assertThat(body.getFloat("data.items[1].growth_rate")).isEqualTo(25.0f);
        assertThat(body.getMap("data.items[1].instance")).containsEntry("id", (int) id)
                .containsEntry("name", "billing-db").containsEntry("db_type", "mysql");
    }

    @Test
    void pagesEndCleanlyAtTheLastPageAndBeyondIt() {
        long id = newId();
        feed.apply(MessageType.PERIOD_COMPLETED, daily(id, DAY, List.of(database("a", 1, null), database("b", 2, null),
                database("c", 3, null))));

        as("viewer").queryParam("instance_id", id).queryParam("limit", 2).queryParam("page", 2)
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.database_name", contains("c")).body("data.page", equalTo(2))
                .body("data.has_prev", equalTo(true)).body("data.has_next", equalTo(false));
        as("viewer").queryParam("instance_id", id).queryParam("limit", 2).queryParam("page", 9)
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items", empty()).body("data.total", equalTo(3)).body("data.pages", equalTo(2))
                .body("data.has_prev", equalTo(true)).body("data.has_next", equalTo(false));
        as("viewer").queryParam("instance_id", id).queryParam("limit", 200)
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items", hasSize(3)).body("data.pages", equalTo(1)).body("data.has_next", equalTo(false));
        as("viewer").queryParam("instance_id", newId()).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items", empty()).body("data.total", equalTo(0)).body("data.pages", equalTo(0))
                .body("data.limit", equalTo(20)).body("data.has_prev", equalTo(false));
    }

    @Test
    void everyFilterNarrowsTheList() {
        long mysql = newId();
        long oracle = newId();
        String orders = uniqueName("orders");
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(mysql, "m", "mysql", 1, null),
                instance(oracle, "o", "oracle", 1, null));
        LocalDate recent = today().minusDays(1);
        LocalDate old = today().minusDays(20);
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                daily(mysql, recent, List.of(database(orders, 100, null), database("other", 5, null))),
                daily(mysql, old, List.of(database(orders, 90, null))),
                daily(oracle, recent, List.of(database(orders, 300, null))),
                period(mysql, PeriodType.MONTHLY, old, 1, instanceRow(95, 1, null), List.of(database(orders, 95, null)))));

        as("viewer").queryParam("database_name", orders).queryParam("db_type", "oracle")
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.instance_id", contains((int) oracle));
        as("viewer").queryParam("database_name", orders).queryParam("db_type", "mysql,oracle")
                .queryParam("period_type", "daily").get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.total", equalTo(3));
        as("viewer").queryParam("database_name", orders).queryParam("db_type", "mysql").queryParam("db_type", "oracle")
                .queryParam("period_type", "daily").get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.total", equalTo(3));
        as("viewer").queryParam("database_name", orders).queryParam("period_type", "monthly")
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.period_type", contains("monthly")).body("data.items.avg_size_mb", contains(95));
        as("viewer").queryParam("instance_id", mysql).queryParam("period_type", "daily")
                .queryParam("start_date", old.toString()).queryParam("end_date", old.toString())
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.period_start", contains(old.toString()));
        // time_range: the last 7 days, today included
        as("viewer").queryParam("instance_id", mysql).queryParam("time_range", 7)
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.period_start", everyItem(equalTo(recent.toString())))
                .body("data.items.database_name", containsInAnyOrder(orders, "other"));
        // dates win over time_range
        as("viewer").queryParam("instance_id", mysql).queryParam("time_range", 7).queryParam("period_type", "daily")
                .queryParam("end_date", old.toString()).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.period_start", contains(old.toString()));
        // names match exactly: a pattern is just a name nobody has
        as("viewer").queryParam("database_name", orders.substring(0, 4) + "%")
                .get("/api/v1/capacity/databases").then().statusCode(200).body("data.total", equalTo(0));
    }

    @Test
    void theListSortsByTheDocumentedColumnsWithStableTieBreakers() {
        long id = newId();
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                daily(id, DAY, List.of(database("a", 30, null), database("b", 10, null))),
                daily(id, DAY.plusDays(1), List.of(database("a", 40, null), database("b", 20, null)))));

        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.avg_size_mb", contains(40, 20, 30, 10));
        as("viewer").queryParam("instance_id", id).queryParam("sort", "avg_size_mb").queryParam("order", "asc")
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.avg_size_mb", contains(10, 20, 30, 40));
        as("viewer").queryParam("instance_id", id).queryParam("sort", "database_name").queryParam("order", "asc")
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items.database_name", contains("a", "a", "b", "b"))
                .body("data.items.period_start", contains(DAY.plusDays(1).toString(), DAY.toString(),
                        DAY.plusDays(1).toString(), DAY.toString()));
    }

    @Test
    void getAllReturnsEveryRowUpToTheCapAndSaysWhenItCut() {
        long big = newId();
        long small = newId();
        List<DatabasePeriodAggregate> many = IntStream.range(0, 30).mapToObj(i -> database("db" + (100 + i), i, null))
                .toList();
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(daily(big, DAY, many),
                daily(small, DAY, List.of(database("x", 1, null), database("y", 2, null)))));

        as("viewer").queryParam("instance_id", big).queryParam("get_all", "true").queryParam("limit", 5)
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items", hasSize(25)).body("data.total", equalTo(30)).body("data.has_next", equalTo(true))
                .body("message", containsString("first 25 of 30")).body("message", containsString("capped at 25"));
        as("viewer").queryParam("instance_id", small).queryParam("get_all", "TRUE")
                .get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.items", hasSize(2)).body("data.has_next", equalTo(false))
                .body("message", equalTo("Found 2 database aggregates"));
    }

    @Test
    void instanceItemsCarryEveryInstanceColumnAndTheDatabaseNameFilterFindsHostingInstances() {
        long id = newId();
        String ledger = uniqueName("ledger");
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(id, "finance", "sqlserver", 1, 50_000L));
        feed.apply(MessageType.PERIOD_COMPLETED, period(id, PeriodType.QUARTERLY, DAY, 2, instanceRow(1200, 3, 1000L),
                List.of(database(ledger, 400, null))));

        JsonPath body = as("viewer").queryParam("database_name", ledger).get("/api/v1/capacity/instances").then()
                .statusCode(200).body("data.total", equalTo(1)).extract().jsonPath();
        Map<String, Object> item = body.getMap("data.items[0]");
        assertThat(item).containsOnlyKeys("id", "instance_id", "period_type", "period_start", "period_end", "total_size_mb",
                "avg_size_mb", "max_size_mb", "min_size_mb", "data_count", "database_count", "avg_database_count",
                "max_database_count", "min_database_count", "previous_total_size_mb", "total_size_change_mb",
                "total_size_change_percent", "database_count_change", "database_count_change_percent", "growth_rate",
                "trend_direction", "revision", "complete", "days_with_data", "days_in_period", "calculated_at",
                "instance");
        assertThat(item).containsEntry("period_type", "quarterly").containsEntry("period_start", "2026-04-01")
                .containsEntry("period_end", "2026-06-30").containsEntry("total_size_mb", 1200)
                .containsEntry("total_size_change_mb", 200).containsEntry("trend_direction", "growing")
                .containsEntry("days_in_period", 91).containsEntry("revision", 2);
        assertThat(body.getMap("data.items[0].instance")).containsEntry("name", "finance")
                .containsEntry("db_type", "sqlserver");
    }
}
