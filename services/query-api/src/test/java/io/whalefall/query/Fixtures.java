package io.whalefall.query;

import io.restassured.specification.RequestSpecification;
import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.InstancePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.TrendDirection;
import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.contracts.session.RecordStatus;
import io.whalefall.contracts.session.SessionRecord;
import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.contracts.session.SessionUpdated;
import io.whalefall.contracts.session.SyncType;
import io.whalefall.platform.calendar.PeriodCalendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Shared helpers of the query-api tests: unique ids, authenticated requests and event payloads. */
final class Fixtures {

    /** The aggregation zone of the tests (the default). */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Ids are unique per test so that tests sharing the database never see each other's rows. */
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    private Fixtures() {
    }

    static long newId() {
        return IDS.incrementAndGet();
    }

    /** A database name no other test uses. */
    static String uniqueName(String prefix) {
        return prefix + "_" + newId();
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** A request authenticated with HTTP Basic as {@code user} (password = user name in the test profile). */
    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    static InstanceUpserted instance(long id, String name, String dbType, long version, Long capacityMb) {
        return new InstanceUpserted(id, name, dbType, "10.0.0." + (id % 250), 3306, true, capacityMb, version,
                Instant.now());
    }

    /** A database row of {@code avg} MB (max +10, min −10), compared with {@code previous} when given. */
    static DatabasePeriodAggregate database(String name, long avg, Long previous) {
        long change = previous == null ? 0 : avg - previous;
        BigDecimal percent = previous == null || previous == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(change * 100).divide(BigDecimal.valueOf(previous), 2, RoundingMode.HALF_UP);
        return new DatabasePeriodAggregate(name, avg, avg + 10, Math.max(0, avg - 10), avg - avg / 10, avg - avg / 10,
                avg - avg / 10, avg / 10, avg / 10, avg / 10, 4, 1, previous, change, percent, change - change / 10,
                percent, change / 10, percent, percent);
    }

    /** An instance row of {@code total} MB over {@code databases} databases, compared with {@code previous}. */
    static InstancePeriodAggregate instanceRow(long total, int databases, Long previous) {
        long change = previous == null ? 0 : total - previous;
        BigDecimal percent = previous == null || previous == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(change * 100).divide(BigDecimal.valueOf(previous), 2, RoundingMode.HALF_UP);
        TrendDirection trend = percent.compareTo(BigDecimal.valueOf(5)) > 0 ? TrendDirection.GROWING
                : percent.compareTo(BigDecimal.valueOf(-5)) < 0 ? TrendDirection.SHRINKING : TrendDirection.STABLE;
        return new InstancePeriodAggregate(total, databases == 0 ? 0 : total / databases, total + 5, Math.max(0, total - 5),
                1, databases, BigDecimal.valueOf(databases).setScale(2), databases, databases, previous, change, percent, 0,
                BigDecimal.ZERO.setScale(2), percent, trend);
    }

    /** {@code PeriodCompleted} for the period of {@code type} starting on {@code start}. */
    static PeriodCompleted period(long instanceId, PeriodType type, LocalDate start, int revision,
            InstancePeriodAggregate instance, List<DatabasePeriodAggregate> databases) {
        PeriodRef period = PeriodCalendar.containing(type, start);
        int days = (int) (period.periodEnd().toEpochDay() - period.periodStart().toEpochDay()) + 1;
        boolean complete = period.periodEnd().isBefore(today());
        return new PeriodCompleted(UUID.randomUUID(), instanceId, type, period.periodStart(), period.periodEnd(),
                revision, complete, instance == null ? 0 : 1, days, Instant.now(), instance, databases);
    }

    /** A daily period of one instance with its database rows, the instance row summing them. */
    static PeriodCompleted daily(long instanceId, LocalDate day, List<DatabasePeriodAggregate> databases) {
        long total = databases.stream().mapToLong(DatabasePeriodAggregate::avgSizeMb).sum();
        return period(instanceId, PeriodType.DAILY, day, 1, instanceRow(total, databases.size(), null), databases);
    }

    /**
     * A session snapshot with one record per instance id; in a completed one each record reported 4 periods, one
     * of them skipped as already aggregated.
     */
    static SessionUpdated session(UUID id, SessionStatus status, long sequence, int progress, List<Long> instances,
            Instant startedAt) {
        boolean completed = status == SessionStatus.COMPLETED;
        List<SessionRecord> records = instances.stream().map(i -> new SessionRecord(i, "db-" + i,
                completed ? RecordStatus.COMPLETED : RecordStatus.RUNNING, startedAt,
                completed ? startedAt.plusSeconds(5) : null, 3, null, completed ? 4 : 0, completed ? 1 : 0)).toList();
        boolean ended = status == SessionStatus.COMPLETED || status == SessionStatus.FAILED
                || status == SessionStatus.CANCELLED;
        return new SessionUpdated(id, "request-" + id, SyncType.MANUAL_TASK, "aggregation", status, "admin", startedAt,
                ended ? startedAt.plusSeconds(10) : null, instances.size(),
                completed ? instances.size() : 0, 0, 0, progress, List.of(PeriodType.DAILY),
                null, sequence, Instant.now(), records);
    }
}
