package io.whalefall.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodSummary;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.platform.calendar.PeriodCalendar;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a {@code SessionUpdated} snapshot carries for each record: how many periods the instance reported and how
 * many of them were skipped, never the periods themselves, so a snapshot's size does not grow with the run's
 * periods. The session's API keeps listing every period of every record.
 */
@QuarkusTest
@SessionsTestResource
class SessionSnapshotTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));
    /** Generous for a record's fixed fields (names, instants, counts); one period's details alone take ~120. */
    private static final int BYTES_PER_RECORD = 400;
    /** The envelope and the session's own fields. */
    private static final int BYTES_PER_SNAPSHOT = 2_000;

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    LifecycleBus bus;

    @BeforeEach
    void connect() {
        bus = new LifecycleBus(infrastructure, dataSource);
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void aSnapshotCountsEachRecordsPeriodsWhileTheDetailStillListsThem() {
        String updates = bus.raw().tap(LifecycleBus.EVENTS, "session.updated");
        Run run = Run.create("snapshot-counts");
        long orders = Run.newInstanceId();
        long billing = Run.newInstanceId();
        long audit = Run.newInstanceId();
        long crm = Run.newInstanceId();
        PeriodRef monthly = PeriodCalendar.containing(PeriodType.MONTHLY, Run.DAY);
        bus.apply(run,
                run.started(Trigger.MANUAL, "alice", T0, new InstanceRef(orders, "orders"),
                        new InstanceRef(billing, "billing"), new InstanceRef(audit, "audit"),
                        new InstanceRef(crm, "crm")),
                run.completed(orders, "orders", List.of(Run.computed(Run.DAILY, 4), Run.alreadyAggregated(Run.WEEKLY),
                        Run.computed(monthly, 4)), T0.plusSeconds(1), T0.plusSeconds(2)),
                run.failed(billing, "billing", "aggregation failed: numeric overflow", T0.plusSeconds(1),
                        T0.plusSeconds(3)),
                run.skipped(audit, "audit", "every period was already aggregated", T0.plusSeconds(4)));

        JsonNode snapshot = awaitSnapshot(updates, run, 4).payload();
        JsonNode records = snapshot.path("records");
        assertThat(records).extracting(r -> r.path("instance_name").asText())
                .containsExactly("audit", "billing", "crm", "orders");
        assertThat(records).extracting(r -> r.path("periods").asInt()).as("periods reported")
                .containsExactly(1, 0, 0, 3);
        assertThat(records).extracting(r -> r.path("periods_skipped").asInt()).as("periods already aggregated")
                .containsExactly(1, 0, 0, 1);
        assertThat(records).allSatisfy(record -> assertThat(record.has("sync_details")).isFalse());

        JsonNode detail = Api.session(run.runId()).path("records").get(3);
        assertThat(detail.path("instance_name").asText()).isEqualTo("orders");
        assertThat(detail.path("periods").asInt()).isEqualTo(3);
        assertThat(detail.path("periods_skipped").asInt()).isEqualTo(1);
        assertThat(detail.path("sync_details")).extracting(p -> p.path("period_type").asText())
                .containsExactly("daily", "weekly", "monthly");
        assertThat(detail.path("sync_details")).extracting(p -> p.path("skipped").asBoolean())
                .containsExactly(false, true, false);
        assertThat(detail.path("sync_details").get(2).path("period_start").asText())
                .isEqualTo(monthly.periodStart().toString());
    }

    @Test
    void aYearLongBackfillPublishesSnapshotsThatGrowWithItsInstancesNotItsPeriods() {
        String updates = bus.raw().tap(LifecycleBus.EVENTS, "session.updated");
        Run run = Run.create("snapshot-backfill");
        List<PeriodSummary> year = aYearOfEveryPeriodType(LocalDate.of(2025, 1, 1));
        long[] instances = LongStream.generate(Run::newInstanceId).limit(8).toArray();
        bus.apply(run, run.started(Trigger.EXTERNAL, "erp-reporting", T0, Arrays.stream(instances)
                .mapToObj(id -> new InstanceRef(id, "db-" + id)).toArray(InstanceRef[]::new)));
        for (long id : instances) {
            bus.apply(run, run.completed(id, "db-" + id, year, T0.plusSeconds(1), T0.plusSeconds(60)));
        }
        bus.apply(run, run.finished(RunOutcome.COMPLETED, instances.length, 0, 0, T0.plusSeconds(61)));

        TestBus.Received last = awaitSnapshot(updates, run, instances.length + 2);
        assertThat(last.payload().path("status").asText()).isEqualTo("completed");
        assertThat(last.payload().path("records")).hasSize(instances.length).allSatisfy(record -> {
            assertThat(record.path("periods").asInt()).isEqualTo(434);
            assertThat(record.path("periods_skipped").asInt()).as("the first quarter's days").isEqualTo(90);
        });
        assertThat(last.text().length()).as("bytes of the final snapshot")
                .isLessThan(BYTES_PER_SNAPSHOT + BYTES_PER_RECORD * instances.length);

        JsonNode detail = Api.session(run.runId());
        assertThat(detail.path("records")).hasSize(instances.length)
                .allSatisfy(record -> assertThat(record.path("sync_details")).hasSize(434));
    }

    /** 365 days, 53 weeks, 12 months and 4 quarters: 434 periods, the days of the first quarter already aggregated. */
    private static List<PeriodSummary> aYearOfEveryPeriodType(LocalDate from) {
        LocalDate to = from.plusYears(1).minusDays(1);
        LocalDate secondQuarter = from.plusMonths(3);
        List<PeriodSummary> periods = new ArrayList<>();
        for (PeriodType type : PeriodType.values()) {
            for (PeriodRef period : PeriodCalendar.overlapping(type, from, to)) {
                boolean skipped = type == PeriodType.DAILY && period.periodStart().isBefore(secondQuarter);
                periods.add(skipped ? Run.alreadyAggregated(period) : Run.computed(period, 3));
            }
        }
        assertThat(periods).as("periods of a year").hasSize(434);
        return periods;
    }

    /** Waits for the session's snapshot of this sequence, whatever else the tap receives meanwhile. */
    private TestBus.Received awaitSnapshot(String updates, Run run, long sequence) {
        List<TestBus.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(bus.raw().drain(updates));
            return received.stream().anyMatch(r -> isSnapshot(r, run, sequence));
        });
        return received.stream().filter(r -> isSnapshot(r, run, sequence)).findFirst().orElseThrow();
    }

    private static boolean isSnapshot(TestBus.Received received, Run run, long sequence) {
        return received.payload().path("session_id").asText().equals(run.id())
                && received.payload().path("sequence").asLong() == sequence;
    }
}
