package io.whalefall.platform.calendar;

import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.whalefall.contracts.aggregation.PeriodType.DAILY;
import static io.whalefall.contracts.aggregation.PeriodType.MONTHLY;
import static io.whalefall.contracts.aggregation.PeriodType.QUARTERLY;
import static io.whalefall.contracts.aggregation.PeriodType.WEEKLY;
import static org.assertj.core.api.Assertions.assertThat;

class PeriodCalendarTest {

    @Test
    void eachTypeFindsThePeriodContainingADay() {
        LocalDate wednesday = LocalDate.of(2026, 11, 18);
        assertThat(PeriodCalendar.containing(DAILY, wednesday)).isEqualTo(period(DAILY, "2026-11-18", "2026-11-18"));
        assertThat(PeriodCalendar.containing(WEEKLY, wednesday)).isEqualTo(period(WEEKLY, "2026-11-16", "2026-11-22"));
        assertThat(PeriodCalendar.containing(MONTHLY, wednesday)).isEqualTo(period(MONTHLY, "2026-11-01", "2026-11-30"));
        assertThat(PeriodCalendar.containing(QUARTERLY, wednesday))
                .isEqualTo(period(QUARTERLY, "2026-10-01", "2026-12-31"));
    }

    @Test
    void weeksRunMondayToSundayEvenOnTheirEdges() {
        assertThat(PeriodCalendar.containing(WEEKLY, LocalDate.of(2026, 11, 16)).periodStart())
                .isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(PeriodCalendar.containing(WEEKLY, LocalDate.of(2026, 11, 22)).periodStart())
                .isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(PeriodCalendar.containing(WEEKLY, LocalDate.of(2026, 11, 23)).periodStart())
                .isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void aWeekSpanningTwoYearsBelongsToItsMonday() {
        PeriodRef week = PeriodCalendar.containing(WEEKLY, LocalDate.of(2027, 1, 1));
        assertThat(week).isEqualTo(period(WEEKLY, "2026-12-28", "2027-01-03"));
        assertThat(PeriodCalendar.containing(WEEKLY, LocalDate.of(2026, 12, 28))).isEqualTo(week);
        assertThat(PeriodCalendar.next(week)).isEqualTo(period(WEEKLY, "2027-01-04", "2027-01-10"));
    }

    @Test
    void aWeekSpanningTwoQuartersBelongsToItsMonday() {
        // Monday 2026-03-30 .. Sunday 2026-04-05 crosses Q1 → Q2
        PeriodRef week = PeriodCalendar.containing(WEEKLY, LocalDate.of(2026, 4, 2));
        assertThat(week).isEqualTo(period(WEEKLY, "2026-03-30", "2026-04-05"));
        assertThat(PeriodCalendar.containing(QUARTERLY, week.periodStart()).periodStart())
                .isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void leapYearsHaveTheirTwentyNinthOfFebruary() {
        assertThat(PeriodCalendar.containing(MONTHLY, LocalDate.of(2028, 2, 29)))
                .isEqualTo(period(MONTHLY, "2028-02-01", "2028-02-29"));
        assertThat(PeriodCalendar.days(PeriodCalendar.containing(MONTHLY, LocalDate.of(2028, 2, 10)))).isEqualTo(29);
        assertThat(PeriodCalendar.days(PeriodCalendar.containing(MONTHLY, LocalDate.of(2027, 2, 10)))).isEqualTo(28);
        assertThat(PeriodCalendar.days(PeriodCalendar.containing(QUARTERLY, LocalDate.of(2028, 2, 29)))).isEqualTo(91);
        assertThat(PeriodCalendar.days(PeriodCalendar.containing(QUARTERLY, LocalDate.of(2027, 2, 28)))).isEqualTo(90);
        assertThat(PeriodCalendar.previous(period(DAILY, "2028-03-01", "2028-03-01")))
                .isEqualTo(period(DAILY, "2028-02-29", "2028-02-29"));
    }

    @Test
    void thePreviousPeriodCrossesYearBoundaries() {
        assertThat(PeriodCalendar.previous(PeriodCalendar.containing(QUARTERLY, LocalDate.of(2027, 2, 1))))
                .isEqualTo(period(QUARTERLY, "2026-10-01", "2026-12-31"));
        assertThat(PeriodCalendar.previous(PeriodCalendar.containing(MONTHLY, LocalDate.of(2027, 1, 15))))
                .isEqualTo(period(MONTHLY, "2026-12-01", "2026-12-31"));
        assertThat(PeriodCalendar.previous(PeriodCalendar.containing(DAILY, LocalDate.of(2027, 1, 1))))
                .isEqualTo(period(DAILY, "2026-12-31", "2026-12-31"));
    }

    @Test
    void theLastCompletePeriodEndsBeforeToday() {
        LocalDate today = LocalDate.of(2026, 11, 23); // a Monday, first day of its week
        assertThat(PeriodCalendar.lastComplete(DAILY, today)).isEqualTo(period(DAILY, "2026-11-22", "2026-11-22"));
        assertThat(PeriodCalendar.lastComplete(WEEKLY, today)).isEqualTo(period(WEEKLY, "2026-11-16", "2026-11-22"));
        assertThat(PeriodCalendar.lastComplete(MONTHLY, today)).isEqualTo(period(MONTHLY, "2026-10-01", "2026-10-31"));
        assertThat(PeriodCalendar.lastComplete(QUARTERLY, today))
                .isEqualTo(period(QUARTERLY, "2026-07-01", "2026-09-30"));
        assertThat(PeriodCalendar.isComplete(PeriodCalendar.lastComplete(WEEKLY, today), today)).isTrue();
        assertThat(PeriodCalendar.isComplete(PeriodCalendar.containing(WEEKLY, today), today)).isFalse();
    }

    @Test
    void aRangeCoversEveryPeriodThatOverlapsIt() {
        List<PeriodRef> weeks = PeriodCalendar.overlapping(WEEKLY, LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 12));
        assertThat(weeks).containsExactly(period(WEEKLY, "2026-12-28", "2027-01-03"),
                period(WEEKLY, "2027-01-04", "2027-01-10"), period(WEEKLY, "2027-01-11", "2027-01-17"));
        assertThat(PeriodCalendar.overlapping(QUARTERLY, LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1)))
                .extracting(PeriodRef::periodStart)
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1));
        assertThat(PeriodCalendar.overlapping(DAILY, LocalDate.of(2028, 2, 28), LocalDate.of(2028, 3, 1)))
                .hasSize(3);
        assertThat(PeriodCalendar.overlapping(MONTHLY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .hasSize(12);
    }

    private static PeriodRef period(PeriodType type, String start, String end) {
        return new PeriodRef(type, LocalDate.parse(start), LocalDate.parse(end));
    }
}
