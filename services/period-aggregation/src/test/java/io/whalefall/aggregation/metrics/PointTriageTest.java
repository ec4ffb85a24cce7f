package io.whalefall.aggregation.metrics;

import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.SeriesKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which points are late, and how watermarks move. */
class PointTriageTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant WATERMARK = Instant.parse("2026-11-20T11:30:00Z");
    private static final SeriesKey SERIES = SeriesKey.of("db.connections", Map.of("instance", "1"));
    private static final PointTriage TRIAGE = new PointTriage(Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofDays(7));

    @Test
    void aPointExactlyAtTheLatenessLimitIsInTimeAndOneJustBeforeItIsLate() {
        UUID batch = UUID.randomUUID();
        Instant limit = WATERMARK.minus(Duration.ofMinutes(10));
        PointTriage.Outcome outcome = TRIAGE.triage(batch, List.of(point(limit), point(limit.minusNanos(1000))),
                Map.of(SERIES.id(), known(WATERMARK)), NOW);
        assertThat(outcome.accepted()).extracting(SeriesPoint::timestamp).containsExactly(limit);
        assertThat(outcome.late()).singleElement().satisfies(late -> {
            assertThat(late.point().timestamp()).isEqualTo(limit.minusNanos(1000));
            assertThat(late.reason()).isEqualTo(LatePoint.Reason.LATENESS);
            assertThat(late.watermark()).isEqualTo(WATERMARK);
        });
        // the accepted point is older than the watermark: the watermark stays, but the batch is remembered
        assertThat(outcome.advanced().get(SERIES.id()).watermark()).isEqualTo(WATERMARK);
        assertThat(outcome.advanced().get(SERIES.id()).watermarkBase()).isEqualTo(WATERMARK);
    }

    @Test
    void aNewSeriesTakesEveryPointAndItsWatermarkBecomesTheNewest() {
        UUID batch = UUID.randomUUID();
        Instant a = NOW.minus(Duration.ofDays(2));
        Instant b = NOW.minus(Duration.ofHours(1));
        PointTriage.Outcome outcome = TRIAGE.triage(batch, List.of(point(b), point(a)), Map.of(SERIES.id(), known(null)), NOW);
        assertThat(outcome.accepted()).hasSize(2);
        assertThat(outcome.late()).isEmpty();
        SeriesState advanced = outcome.advanced().get(SERIES.id());
        assertThat(advanced.watermark()).isEqualTo(b);
        assertThat(advanced.watermarkBase()).isNull();
        assertThat(advanced.watermarkBatch()).isEqualTo(batch);
    }

    @Test
    void thePartsOfABatchAreJudgedAgainstTheWatermarkFromBeforeTheBatch() {
        UUID batch = UUID.randomUUID();
        // part 2 (the newer points) came first and moved the watermark an hour ahead
        SeriesState afterPartTwo = known(WATERMARK).advancedBy(batch, WATERMARK.plus(Duration.ofHours(1)));
        Instant partOne = WATERMARK.minus(Duration.ofMinutes(5));
        PointTriage.Outcome outcome = TRIAGE.triage(batch, List.of(point(partOne)), Map.of(SERIES.id(), afterPartTwo), NOW);
        assertThat(outcome.accepted()).extracting(SeriesPoint::timestamp).containsExactly(partOne);
        // another batch with the same point would be late against the advanced watermark
        PointTriage.Outcome other = TRIAGE.triage(UUID.randomUUID(), List.of(point(partOne)),
                Map.of(SERIES.id(), afterPartTwo), NOW);
        assertThat(other.late()).extracting(LatePoint::reason).containsExactly(LatePoint.Reason.LATENESS);
        assertThat(other.late().get(0).watermark()).isEqualTo(WATERMARK.plus(Duration.ofHours(1)));
    }

    @Test
    void aPointWhoseMinuteIsNoLongerKeptIsLateForRetentionWhateverTheWatermark() {
        Instant expired = Instant.parse("2026-11-12T23:59:59Z"); // its day ends before NOW - 7 days
        Instant kept = Instant.parse("2026-11-13T00:00:00Z");    // its day still holds NOW - 7 days
        PointTriage.Outcome outcome = TRIAGE.triage(UUID.randomUUID(), List.of(point(expired), point(kept)),
                Map.of(SERIES.id(), known(null)), NOW);
        assertThat(outcome.late()).singleElement().satisfies(late -> {
            assertThat(late.point().timestamp()).isEqualTo(expired);
            assertThat(late.reason()).isEqualTo(LatePoint.Reason.RETENTION);
        });
        assertThat(outcome.accepted()).extracting(SeriesPoint::timestamp).containsExactly(kept);
    }

    @Test
    void aPointFurtherAheadThanTheAllowedSkewIsKeptAsideAndCannotDragTheWatermarkAhead() {
        Instant atTheLimit = NOW.plus(Duration.ofMinutes(10));
        Instant tooFar = atTheLimit.plusNanos(1_000);
        PointTriage.Outcome outcome = TRIAGE.triage(UUID.randomUUID(), List.of(point(tooFar), point(atTheLimit)),
                Map.of(SERIES.id(), known(WATERMARK)), NOW);
        assertThat(outcome.late()).singleElement().satisfies(late -> {
            assertThat(late.point().timestamp()).isEqualTo(tooFar);
            assertThat(late.reason()).isEqualTo(LatePoint.Reason.FUTURE);
        });
        assertThat(outcome.advanced().get(SERIES.id()).watermark()).isEqualTo(atTheLimit);
    }

    @Test
    void latePointsNeverMoveAWatermark() {
        PointTriage.Outcome outcome = TRIAGE.triage(UUID.randomUUID(), List.of(point(WATERMARK.minus(Duration.ofHours(1)))),
                Map.of(SERIES.id(), known(WATERMARK)), NOW);
        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.advanced()).isEmpty();
    }

    private static SeriesPoint point(Instant timestamp) {
        return new SeriesPoint(SERIES.id(), SERIES, timestamp, 1.0);
    }

    private static SeriesState known(Instant watermark) {
        return new SeriesState(SERIES.id(), HistogramBounds.DEFAULT, watermark, null, UUID.randomUUID());
    }
}
