package io.whalefall.query;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.daily;
import static io.whalefall.query.Fixtures.database;
import static io.whalefall.query.Fixtures.instance;
import static io.whalefall.query.Fixtures.newId;
import static io.whalefall.query.Fixtures.today;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Growth forecasts from daily aggregates: growth per day, fit quality, and when a threshold is reached. */
@QuarkusTest
@QueryTestResource
class ForecastApiTest {

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
    void anInstanceGrowingSteadilyIsProjectedToReachItsRegisteredCapacity() {
        long id = newId();
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(id, "warehouse", "postgresql", 1, 10_000L));
        // 30 days, today included: 1000 MB growing by 50 MB a day, ending at 2450 MB today
        publishDays(id, 30, day -> 1000 + 50L * day);

        as("viewer").queryParam("instance_id", id).queryParam("window_days", 30)
                .get("/api/v1/capacity/forecasts/instances").then().statusCode(200)
                .body("data.level", equalTo("instance")).body("data.instance.name", equalTo("warehouse"))
                .body("data.status", equalTo("projected"))
                .body("data.points", equalTo(30))
                .body("data.growth_mb_per_day", equalTo(50.0f))
                .body("data.r_squared", equalTo(1.0f)).body("data.fit_quality", equalTo("good"))
                .body("data.current_size_mb", equalTo(2450))
                .body("data.threshold_mb", equalTo(10000)).body("data.threshold_source", equalTo("instance_capacity"))
                // (10000 - 2450) / 50 = 151 days
                .body("data.days_until_threshold", equalTo(151))
                .body("data.projected_date", equalTo(today().plusDays(151).toString()))
                .body("message", containsString("151 days"));
    }

    @Test
    void aDatabaseForecastUsesTheGivenThresholdAndSaysWhenItIsNotGrowing() {
        long id = newId();
        // shrinking slightly while swinging by 10 MB a day: a poor fit that never approaches the threshold
        publishDays(id, 10, day -> day % 2 == 0 ? 310 : 300);

        as("viewer").queryParam("instance_id", id).queryParam("database_name", "main").queryParam("window_days", 10)
                .queryParam("threshold_mb", 2000).get("/api/v1/capacity/forecasts/databases").then().statusCode(200)
                .body("data.level", equalTo("database")).body("data.database_name", equalTo("main"))
                .body("data.threshold_source", equalTo("parameter"))
                .body("data.status", equalTo("not_growing"))
                .body("data.fit_quality", equalTo("poor"))
                .body("data.days_until_threshold", nullValue());
        as("viewer").queryParam("instance_id", id).queryParam("database_name", "main").queryParam("window_days", 10)
                .queryParam("threshold_mb", 300).get("/api/v1/capacity/forecasts/databases").then().statusCode(200)
                .body("data.status", equalTo("threshold_reached")).body("data.days_until_threshold", equalTo(0));
    }

    @Test
    void tooFewDailyAggregatesGiveAClearAnswerInsteadOfAGuess() {
        long id = newId();
        publishDays(id, 3, day -> 100 + day);

        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/forecasts/instances").then().statusCode(200)
                .body("data.status", equalTo("insufficient_data")).body("data.points", equalTo(3))
                .body("data.min_points", equalTo(7)).body("data.window_days", equalTo(90))
                .body("data.growth_mb_per_day", nullValue()).body("data.threshold_mb", nullValue())
                .body("message", containsString("needs at least 7"));
    }

    @Test
    void withoutAThresholdTheForecastReportsGrowthOnly() {
        long id = newId();
        publishDays(id, 8, day -> 500 + 10L * day);

        as("viewer").queryParam("instance_id", id).queryParam("database_name", "main")
                .get("/api/v1/capacity/forecasts/databases").then().statusCode(200)
                .body("data.status", equalTo("no_threshold")).body("data.growth_mb_per_day", equalTo(10.0f))
                .body("data.projected_date", nullValue());
    }

    @Test
    void unknownSubjectsAreNotFound() {
        as("viewer").queryParam("instance_id", newId()).get("/api/v1/capacity/forecasts/instances").then()
                .statusCode(404).body("message_code", equalTo("RESOURCE_NOT_FOUND"));
        long id = newId();
        publishDays(id, 1, day -> 1);
        as("viewer").queryParam("instance_id", id).queryParam("database_name", "nope")
                .get("/api/v1/capacity/forecasts/databases").then().statusCode(404)
                .body("message", containsString("nope"));
    }

    /** Daily aggregates of database "main" (and its instance) for the last {@code days} days, today included. */
    private void publishDays(long id, int days, java.util.function.IntToLongFunction size) {
        LocalDate first = today().minusDays(days - 1L);
        List<PeriodCompleted> events = IntStream.range(0, days)
                .mapToObj(day -> daily(id, first.plusDays(day), List.of(database("main", size.applyAsLong(day), null))))
                .toList();
        feed.applyAll(MessageType.PERIOD_COMPLETED, events);
    }
}
