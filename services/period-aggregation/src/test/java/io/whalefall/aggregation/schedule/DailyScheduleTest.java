package io.whalefall.aggregation.schedule;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.AggregationTestResource;
import io.whalefall.platform.calendar.PeriodCalendar;
import io.whalefall.aggregation.run.RunPlanner;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every replica fires the daily schedule; the day's deterministic request id makes it one run. */
@QuarkusTest
@AggregationTestResource
class DailyScheduleTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    DailySchedule schedule;

    @Inject
    RunPlanner planner;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void replicasFiringTogetherMakeOneRunOfThePreviousAndCurrentPeriods() throws Exception {
        LocalDate today = planner.today();
        String lifecycle;
        List<TestBus.Received> started = new ArrayList<>();
        try (TestBus bus = new TestBus(infrastructure.virtualHost())) {
            lifecycle = bus.tap("whalefall.events", "aggregation.started");
            schedule.fire();
            schedule.fire(); // a second replica at the same minute
            String runId = RunId.forRequest(DailySchedule.requestIdFor(today)).toString();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                bus.drain(lifecycle).stream().filter(e -> e.payload().path("run_id").asText().equals(runId))
                        .forEach(started::add);
                return !started.isEmpty();
            });
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> {
                bus.drain(lifecycle).stream().filter(e -> e.payload().path("run_id").asText().equals(runId))
                        .forEach(started::add);
                return started.size() == 1;
            });
        }
        assertThat(runsOfToday()).isEqualTo(1);
        var payload = started.get(0).payload();
        assertThat(payload.path("trigger").asText()).isEqualTo("scheduled");
        assertThat(payload.path("mode").asText()).isEqualTo("scheduled");
        List<String> periods = new ArrayList<>();
        payload.path("periods").forEach(p -> periods.add(p.path("period_type").asText() + "@" + p.path("period_start").asText()));
        for (PeriodType type : PeriodType.values()) {
            assertThat(periods).contains(type.code() + "@" + PeriodCalendar.lastComplete(type, today).periodStart(),
                    type.code() + "@" + PeriodCalendar.containing(type, today).periodStart());
        }
    }

    private long runsOfToday() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM run WHERE request_id = ?")) {
            select.setString(1, DailySchedule.requestIdFor(planner.today()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
