package io.whalefall.query;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.daily;
import static io.whalefall.query.Fixtures.database;
import static io.whalefall.query.Fixtures.instance;
import static io.whalefall.query.Fixtures.newId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Chart-ready trend series with a top-N cut by size or growth. */
@QuarkusTest
@QueryTestResource
class TrendApiTest {

    private static final LocalDate DAY = LocalDate.of(2026, 7, 1);

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
    void theTopDatabasesBySizeComeAsLabelsAndAlignedDatasets() {
        long id = publishThreeDays();

        as("viewer").queryParam("start_date", DAY.toString()).queryParam("instance_id", id).queryParam("top", 2).get("/api/v1/capacity/trends/databases")
                .then().statusCode(200)
                .body("data.period_type", equalTo("daily")).body("data.metric", equalTo("avg_size_mb"))
                .body("data.rank_by", equalTo("size")).body("data.total_series", equalTo(4))
                .body("data.labels", contains(DAY.toString(), DAY.plusDays(1).toString(), DAY.plusDays(2).toString()))
                .body("data.datasets", hasSize(2))
                .body("data.datasets.label", contains("shop / big", "shop / growing"))
                .body("data.datasets.database_name", contains("big", "growing"))
                .body("data.datasets[0].data", contains(500, 500, 500))
                .body("data.datasets[1].data", contains(100, 150, 200))
                .body("data.datasets[0].instance.name", equalTo("shop"));
    }

    @Test
    void rankingByGrowthPicksTheFastestGrowingAndGapsStayEmpty() {
        long id = publishThreeDays();

        as("viewer").queryParam("start_date", DAY.toString()).queryParam("instance_id", id).queryParam("top", 1).queryParam("rank_by", "growth")
                .get("/api/v1/capacity/trends/databases").then().statusCode(200)
                .body("data.datasets.database_name", contains("growing"))
                .body("data.datasets[0].rank_value", equalTo(100));
        // a database that only appeared on the last day has no points before it
        as("viewer").queryParam("start_date", DAY.toString()).queryParam("instance_id", id).queryParam("database_name", "late")
                .get("/api/v1/capacity/trends/databases").then().statusCode(200)
                .body("data.labels", hasSize(1))
                .body("data.datasets[0].data", contains(7));
        as("viewer").queryParam("start_date", DAY.toString()).queryParam("instance_id", id).queryParam("top", 5).queryParam("metric", "max_size_mb")
                .get("/api/v1/capacity/trends/databases").then().statusCode(200)
                .body("data.datasets.database_name", contains("big", "growing", "small", "late"))
                .body("data.datasets[3].data", contains(Arrays.asList(null, null, 17).toArray()));
    }

    @Test
    void instanceTrendsPlotTheTotalSizeOfTheTopInstances() {
        long small = newId();
        long large = newId();
        String shared = Fixtures.uniqueName("shared");
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                daily(small, DAY, List.of(database(shared, 10, null))),
                daily(large, DAY, List.of(database(shared, 900, null))),
                daily(large, DAY.plusDays(1), List.of(database(shared, 950, null)))));

        as("viewer").queryParam("start_date", DAY.toString()).queryParam("database_name", shared).queryParam("top", 1).get("/api/v1/capacity/trends/instances")
                .then().statusCode(200)
                .body("data.metric", equalTo("total_size_mb")).body("data.total_series", equalTo(2))
                .body("data.datasets.label", contains("instance " + large))
                .body("data.datasets[0].data", contains(900, 950));
    }

    @Test
    void withoutDatesAChartCoversTheLastThirtyDays() {
        long id = newId();
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                daily(id, Fixtures.today().minusDays(40), List.of(database("main", 10, null))),
                daily(id, Fixtures.today().minusDays(1), List.of(database("main", 20, null)))));

        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/trends/databases").then().statusCode(200)
                .body("data.labels", contains(Fixtures.today().minusDays(1).toString()))
                .body("data.datasets[0].data", contains(20));
        as("viewer").queryParam("instance_id", id).queryParam("time_range", 60)
                .get("/api/v1/capacity/trends/databases").then().statusCode(200)
                .body("data.labels", hasSize(2));
    }

    private long publishThreeDays() {
        long id = newId();
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(id, "shop", "mysql", 1, null));
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                daily(id, DAY, List.of(database("big", 500, null), database("growing", 100, null),
                        database("small", 10, null))),
                daily(id, DAY.plusDays(1), List.of(database("big", 500, null), database("growing", 150, null),
                        database("small", 11, null))),
                daily(id, DAY.plusDays(2), List.of(database("big", 500, null), database("growing", 200, null),
                        database("small", 12, null), database("late", 7, null)))));
        return id;
    }
}
