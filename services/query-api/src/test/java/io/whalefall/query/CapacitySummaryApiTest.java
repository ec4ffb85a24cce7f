package io.whalefall.query;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.daily;
import static io.whalefall.query.Fixtures.database;
import static io.whalefall.query.Fixtures.instanceRow;
import static io.whalefall.query.Fixtures.newId;
import static io.whalefall.query.Fixtures.period;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** {@code /databases/summary} and {@code /instances/summary}: the selection's latest totals and their growth. */
@QuarkusTest
@QueryTestResource
class CapacitySummaryApiTest {

    private static final LocalDate DAY = LocalDate.of(2026, 6, 10);

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
    void theDatabaseSummaryTotalsTheLatestPeriodAndMeasuresGrowthOverTheWindow() {
        long id = newId();
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                daily(id, DAY, List.of(database("a", 100, null), database("b", 200, null))),
                daily(id, DAY.plusDays(1), List.of(database("a", 110, 100L), database("b", 230, 200L)))));

        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/databases/summary").then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.summary.total_databases", equalTo(2))
                .body("data.summary.total_instances", equalTo(1))
                .body("data.summary.total_size_mb", equalTo(340))
                .body("data.summary.avg_size_mb", equalTo(170.0f))
                .body("data.summary.max_size_mb", equalTo(240))
                // (340 - 300) / 300
                .body("data.summary.growth_rate", equalTo(13.33f))
                .body("data.summary.period_type", equalTo("daily"))
                .body("data.summary.source.read_model", equalTo("database_period"))
                .body("data.summary.source.growth_basis", equalTo("window"))
                .body("data.summary.source.baseline_size_mb", equalTo(300))
                .body("data.summary.source.rows_considered", equalTo(4))
                .body("data.summary.source.periods", equalTo(2))
                .body("data.summary.source.first_period_start", equalTo(DAY.toString()))
                .body("data.summary.source.last_period_start", equalTo(DAY.plusDays(1).toString()))
                .body("data.summary.source.latest_calculated_at", notNullValue())
                .body("data.summary.source.latest_complete", equalTo(true));
    }

    @Test
    void aSinglePeriodIsComparedWithThePreviousOneItCarries() {
        long id = newId();
        feed.apply(MessageType.PERIOD_COMPLETED, period(id, PeriodType.WEEKLY, DAY, 1, instanceRow(500, 2, 400L),
                List.of(database("a", 150, 100L), database("new", 350, null))));

        as("viewer").queryParam("instance_id", id).queryParam("period_type", "weekly")
                .get("/api/v1/capacity/databases/summary").then().statusCode(200)
                .body("data.summary.total_size_mb", equalTo(500))
                // only databases that existed before count: a grew from 100 to 150
                .body("data.summary.growth_rate", equalTo(50.0f))
                .body("data.summary.period_type", equalTo("weekly"))
                .body("data.summary.source.growth_basis", equalTo("previous_period"))
                .body("data.summary.source.baseline_size_mb", equalTo(100));
        as("viewer").queryParam("instance_id", id).queryParam("period_type", "weekly")
                .get("/api/v1/capacity/instances/summary").then().statusCode(200)
                .body("data.summary.total_instances", equalTo(1))
                .body("data.summary.total_databases", equalTo(2))
                .body("data.summary.total_size_mb", equalTo(500))
                .body("data.summary.avg_size_mb", equalTo(500.0f))
                .body("data.summary.growth_rate", equalTo(25.0f))
                .body("data.summary.source.read_model", equalTo("instance_period"));
    }

    @Test
    void theInstanceSummaryAddsUpEachInstancesLatestPeriod() {
        long first = newId();
        long second = newId();
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                period(first, PeriodType.MONTHLY, DAY, 1, instanceRow(1000, 4, null), List.of()),
                period(first, PeriodType.MONTHLY, DAY.plusMonths(1), 1, instanceRow(1100, 5, 1000L), List.of()),
                period(second, PeriodType.MONTHLY, DAY.plusMonths(1), 1, instanceRow(900, 3, null), List.of())));

        as("viewer").queryParam("instance_id", first).queryParam("period_type", "monthly")
                .get("/api/v1/capacity/instances/summary").then().statusCode(200)
                .body("data.summary.total_size_mb", equalTo(1100))
                .body("data.summary.total_databases", equalTo(5))
                .body("data.summary.growth_rate", equalTo(10.0f))
                .body("data.summary.max_size_mb", equalTo(1105));
        as("viewer").queryParam("instance_id", second).queryParam("period_type", "monthly")
                .get("/api/v1/capacity/instances/summary").then().statusCode(200)
                .body("data.summary.total_size_mb", equalTo(900))
                .body("data.summary.growth_rate", equalTo(0.0f))
                .body("data.summary.source.growth_basis", equalTo("none"));
    }

    @Test
    void anEmptySelectionSummarisesToZeros() {
        as("viewer").queryParam("instance_id", newId()).get("/api/v1/capacity/databases/summary").then()
                .statusCode(200)
                .body("data.summary.total_databases", equalTo(0))
                .body("data.summary.total_size_mb", equalTo(0))
                .body("data.summary.avg_size_mb", equalTo(0.0f))
                .body("data.summary.growth_rate", equalTo(0.0f))
                .body("data.summary.source.rows_considered", equalTo(0))
                .body("data.summary.source.first_period_start", nullValue())
                .body("data.summary.source.latest_complete", nullValue());
    }
}
