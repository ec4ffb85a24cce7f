package io.whalefall.aggregation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.whalefall.aggregation.AggregationDriver.db;
import static io.whalefall.contracts.aggregation.PeriodType.DAILY;
import static io.whalefall.contracts.aggregation.PeriodType.MONTHLY;
import static io.whalefall.contracts.aggregation.PeriodType.QUARTERLY;
import static io.whalefall.contracts.aggregation.PeriodType.WEEKLY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every formula against numbers worked out by hand (see the comments). Weeks: W1 = 2026-03-02..08,
 * W2 = 2026-03-09..15. Zone Asia/Shanghai (+08:00).
 */
@QuarkusTest
@AggregationTestResource
class AggregationFormulaTest {

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
    void databaseLevelFiguresMatchTheHandComputedOnes() {
        long id = driver.instance("formula", true);
        driver.samples(List.of(
                // orders: W1 = 100, 101 (same day), 104 → 3 samples, avg 101.67 → 102; W2 = 110, 120, 131 → 120.33 → 120
                db(id, "orders", 100, 90L, 10L, "2026-03-02T10:00:00+08:00"),
                db(id, "orders", 101, 91L, 10L, "2026-03-02T18:00:00+08:00"),
                db(id, "orders", 104, 94L, 10L, "2026-03-04T10:00:00+08:00"),
                db(id, "orders", 110, 100L, 10L, "2026-03-09T10:00:00+08:00"),
                db(id, "orders", 120, 110L, 10L, "2026-03-10T10:00:00+08:00"),
                db(id, "orders", 131, 121L, 10L, "2026-03-12T10:00:00+08:00"),
                db(id, "users", 50, "2026-03-11T10:00:00+08:00"),      // appears in W2 only
                db(id, "legacy", 30, "2026-03-03T10:00:00+08:00"),     // disappears after W1
                db(id, "empty", 0, "2026-03-05T10:00:00+08:00"),       // previous average 0
                db(id, "empty", 40, "2026-03-13T10:00:00+08:00"),
                db(id, "shrink", 200, "2026-03-02T10:00:00+08:00"),    // negative growth
                db(id, "shrink", 150, "2026-03-09T10:00:00+08:00"),
                db(id, "half", 1, "2026-03-14T08:00:00+08:00"),        // 1.5 rounds half away from zero → 2
                db(id, "half", 2, "2026-03-14T20:00:00+08:00")), List.of());
        assertThat(driver.awaitRunEnded(driver.requestRange(List.of(id), List.of(WEEKLY, DAILY),
                LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-15"), false))).isEqualTo("completed");

        Map<String, Object> ordersW1 = driver.databaseRow(id, WEEKLY, "2026-03-02", "orders");
        assertThat(ordersW1).containsEntry("avg_size_mb", 102L).containsEntry("max_size_mb", 104L)
                .containsEntry("min_size_mb", 100L).containsEntry("data_count", 3).containsEntry("days_with_data", 2)
                .containsEntry("avg_data_size_mb", 92L).containsEntry("avg_log_size_mb", 10L)
                .containsEntry("size_change_mb", 0L).containsEntry("previous_avg_size_mb", null)
                .containsEntry("period_end", LocalDate.parse("2026-03-08"));

        Map<String, Object> ordersW2 = driver.databaseRow(id, WEEKLY, "2026-03-09", "orders");
        // change 120 − 102 = 18 → 18 / 102 = 17.647 % → 17.65; data 110 − 92 = 18 → 19.565 % → 19.57; log 0
        assertThat(ordersW2).containsEntry("avg_size_mb", 120L).containsEntry("previous_avg_size_mb", 102L)
                .containsEntry("size_change_mb", 18L).containsEntry("data_size_change_mb", 18L)
                .containsEntry("log_size_change_mb", 0L);
        assertThat(decimal(ordersW2, "size_change_percent")).isEqualByComparingTo("17.65");
        assertThat(decimal(ordersW2, "growth_rate")).isEqualByComparingTo("17.65");
        assertThat(decimal(ordersW2, "data_size_change_percent")).isEqualByComparingTo("19.57");
        assertThat(decimal(ordersW2, "log_size_change_percent")).isEqualByComparingTo("0");

        Map<String, Object> users = driver.databaseRow(id, WEEKLY, "2026-03-09", "users");
        assertThat(users).containsEntry("avg_size_mb", 50L).containsEntry("previous_avg_size_mb", null)
                .containsEntry("size_change_mb", 0L).containsEntry("avg_data_size_mb", null);
        assertThat(decimal(users, "size_change_percent")).isEqualByComparingTo("0");

        assertThat(driver.databaseRow(id, WEEKLY, "2026-03-02", "legacy")).containsEntry("avg_size_mb", 30L);
        assertThat(driver.databaseRow(id, WEEKLY, "2026-03-09", "legacy")).isNull();

        Map<String, Object> empty = driver.databaseRow(id, WEEKLY, "2026-03-09", "empty");
        assertThat(empty).containsEntry("size_change_mb", 40L).containsEntry("previous_avg_size_mb", 0L);
        assertThat(decimal(empty, "size_change_percent")).isEqualByComparingTo("0");

        Map<String, Object> shrink = driver.databaseRow(id, WEEKLY, "2026-03-09", "shrink");
        assertThat(shrink).containsEntry("size_change_mb", -50L);
        assertThat(decimal(shrink, "size_change_percent")).isEqualByComparingTo("-25.00");

        Map<String, Object> half = driver.databaseRow(id, DAILY, "2026-03-14", "half");
        assertThat(half).containsEntry("avg_size_mb", 2L).containsEntry("data_count", 2)
                .containsEntry("max_size_mb", 2L).containsEntry("min_size_mb", 1L);
    }

    @Test
    void instanceLevelFiguresComeFromDailyTotals() {
        long id = driver.instance("formula-instance", true);
        driver.samples(List.of(
                db(id, "orders", 100, "2026-03-02T10:00:00+08:00"), db(id, "orders", 101, "2026-03-02T18:00:00+08:00"),
                db(id, "shrink", 200, "2026-03-02T10:00:00+08:00"), db(id, "legacy", 30, "2026-03-03T10:00:00+08:00"),
                db(id, "orders", 104, "2026-03-04T10:00:00+08:00"), db(id, "empty", 0, "2026-03-05T10:00:00+08:00"),
                db(id, "orders", 110, "2026-03-09T10:00:00+08:00"), db(id, "shrink", 150, "2026-03-09T10:00:00+08:00"),
                db(id, "orders", 120, "2026-03-10T10:00:00+08:00"), db(id, "users", 50, "2026-03-11T10:00:00+08:00"),
                db(id, "orders", 131, "2026-03-12T10:00:00+08:00"), db(id, "empty", 40, "2026-03-13T10:00:00+08:00"),
                db(id, "half", 1, "2026-03-14T08:00:00+08:00"), db(id, "half", 2, "2026-03-14T20:00:00+08:00")),
                List.of());
        assertThat(driver.awaitRunEnded(driver.requestRange(List.of(id), List.of(WEEKLY),
                LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-15"), false))).isEqualTo("completed");

        // W1 daily totals: 300.5 (2 dbs), 30, 104, 0 → mean 108.625 → 109; db counts 2,1,1,1 → mean 1.25 → 1
        Map<String, Object> w1 = driver.instanceRow(id, WEEKLY, "2026-03-02");
        assertThat(w1).containsEntry("total_size_mb", 109L).containsEntry("data_count", 4)
                .containsEntry("database_count", 1).containsEntry("trend_direction", "stable");
        // W2 daily totals: 260 (2 dbs), 120, 50, 131, 40, 1.5 → mean 100.42 → 100; per database 602.5 / 7 = 86.07 → 86
        Map<String, Object> w2 = driver.instanceRow(id, WEEKLY, "2026-03-09");
        assertThat(w2).containsEntry("total_size_mb", 100L).containsEntry("avg_size_mb", 86L)
                .containsEntry("max_size_mb", 260L).containsEntry("min_size_mb", 2L).containsEntry("data_count", 6)
                .containsEntry("database_count", 1).containsEntry("max_database_count", 2)
                .containsEntry("min_database_count", 1).containsEntry("previous_total_size_mb", 109L)
                .containsEntry("total_size_change_mb", -9L).containsEntry("database_count_change", 0)
                .containsEntry("trend_direction", "shrinking");
        assertThat(decimal(w2, "avg_database_count")).isEqualByComparingTo("1.17");
        // −9 / 109 = −8.257 % → −8.26
        assertThat(decimal(w2, "total_size_change_percent")).isEqualByComparingTo("-8.26");
        assertThat(decimal(w2, "growth_rate")).isEqualByComparingTo("-8.26");
    }

    @Test
    void instanceSamplesWinOverDatabaseSumsOnTheirDays() {
        long id = driver.instance("with-instance-samples", true);
        driver.samples(List.of(
                        db(id, "a", 400, "2026-04-06T10:00:00+08:00"), db(id, "b", 500, "2026-04-06T10:00:00+08:00"),
                        db(id, "a", 600, "2026-04-07T10:00:00+08:00")),
                List.of(new InstanceSizeSample(id, 1000L, 3, OffsetDateTime.parse("2026-04-06T10:00:00+08:00")),
                        new InstanceSizeSample(id, 1100L, 3, OffsetDateTime.parse("2026-04-06T22:00:00+08:00"))));
        assertThat(driver.awaitRunEnded(driver.requestRange(List.of(id), List.of(WEEKLY),
                LocalDate.parse("2026-04-06"), LocalDate.parse("2026-04-12"), false))).isEqualTo("completed");
        // day 1: instance samples 1000, 1100 → 1050 with 3 databases; day 2: no instance sample → 600 with 1
        // total = (1050 + 600) / 2 = 825; per database = 1650 / 4 = 412.5 → 413; db count mean 2
        Map<String, Object> week = driver.instanceRow(id, WEEKLY, "2026-04-06");
        assertThat(week).containsEntry("total_size_mb", 825L).containsEntry("avg_size_mb", 413L)
                .containsEntry("max_size_mb", 1050L).containsEntry("min_size_mb", 600L)
                .containsEntry("database_count", 2).containsEntry("max_database_count", 3)
                .containsEntry("min_database_count", 1);
    }

    @Test
    void theTrendTurnsBeyondFivePercentEitherWay() {
        // previous week 100 MB, this week 105 / 106 / 95 / 94 MB
        Map<Long, String> expected = Map.of(105L, "stable", 106L, "growing", 95L, "stable", 94L, "shrinking");
        Map<Long, Long> instanceBySize = new java.util.HashMap<>();
        for (long size : expected.keySet()) {
            long id = driver.instance("trend-" + size, true);
            instanceBySize.put(size, id);
            driver.samples(List.of(db(id, "d", 100, "2026-05-04T10:00:00+08:00"),
                    db(id, "d", size, "2026-05-11T10:00:00+08:00")), List.of());
        }
        assertThat(driver.awaitRunEnded(driver.requestRange(List.copyOf(instanceBySize.values()), List.of(WEEKLY),
                LocalDate.parse("2026-05-11"), LocalDate.parse("2026-05-17"), false))).isEqualTo("completed");
        expected.forEach((size, trend) -> assertThat(driver.instanceRow(instanceBySize.get(size), WEEKLY, "2026-05-11"))
                .as("a week at %d MB after 100 MB", size).containsEntry("trend_direction", trend));
        assertThat(decimal(driver.instanceRow(instanceBySize.get(105L), WEEKLY, "2026-05-11"), "growth_rate"))
                .isEqualByComparingTo("5.00");
    }

    @Test
    void calendarEdgesAndTheZoneDecideWhereASampleBelongs() {
        long id = driver.instance("calendar", true);
        driver.samples(List.of(
                db(id, "d", 7, "2024-02-29T12:00:00+08:00"),   // leap day
                db(id, "d", 10, "2024-12-31T12:00:00+08:00"),  // week 2024-12-30..2025-01-05 spans two years
                db(id, "d", 20, "2025-01-02T12:00:00+08:00"),
                db(id, "d", 33, "2025-03-30T17:00:00Z")),      // 2025-03-31 01:00 in Shanghai: Q1's last day
                List.of());
        assertThat(driver.awaitRunEnded(driver.requestRange(List.of(id), List.of(DAILY, WEEKLY, MONTHLY, QUARTERLY),
                LocalDate.parse("2024-02-01"), LocalDate.parse("2025-04-30"), false))).isEqualTo("completed");

        assertThat(driver.databaseRow(id, DAILY, "2024-02-29", "d")).containsEntry("avg_size_mb", 7L);
        Map<String, Object> february = driver.databaseRow(id, MONTHLY, "2024-02-01", "d");
        assertThat(february).containsEntry("period_end", LocalDate.parse("2024-02-29"));
        Map<String, Object> yearCrossingWeek = driver.databaseRow(id, WEEKLY, "2024-12-30", "d");
        assertThat(yearCrossingWeek).containsEntry("avg_size_mb", 15L).containsEntry("data_count", 2)
                .containsEntry("period_end", LocalDate.parse("2025-01-05"));
        Map<String, Object> january = driver.databaseRow(id, MONTHLY, "2025-01-01", "d");
        assertThat(january).containsEntry("avg_size_mb", 20L).containsEntry("previous_avg_size_mb", 10L)
                .containsEntry("size_change_mb", 10L);
        assertThat(decimal(january, "size_change_percent")).isEqualByComparingTo("100.00");
        assertThat(driver.databaseRow(id, DAILY, "2025-03-31", "d")).containsEntry("avg_size_mb", 33L);
        assertThat(driver.databaseRow(id, DAILY, "2025-03-30", "d")).isNull();
        Map<String, Object> q1 = driver.databaseRow(id, QUARTERLY, "2025-01-01", "d");
        assertThat(q1).containsEntry("data_count", 2).containsEntry("previous_avg_size_mb", 10L);
        assertThat(driver.rows("""
                SELECT revision, complete FROM period_state WHERE instance_id = ? AND period_type = 'quarterly'
                  AND period_start = '2025-01-01'""", id)).singleElement()
                .satisfies(state -> assertThat(state).containsEntry("revision", 1).containsEntry("complete", true));
    }

    private static BigDecimal decimal(Map<String, Object> row, String column) {
        return (BigDecimal) row.get(column);
    }
}
