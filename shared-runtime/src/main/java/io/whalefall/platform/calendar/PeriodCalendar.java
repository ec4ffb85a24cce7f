package io.whalefall.platform.calendar;

import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Calendar periods: a day; an ISO week, Monday to Sunday (a week that spans two years or quarters
 * belongs to the one its Monday is in, like PostgreSQL's {@code date_trunc('week', ...)}); a month; a
 * quarter. All dates are days in the configured zone.
 */
public final class PeriodCalendar {

    private PeriodCalendar() {
    }

    /** The period of {@code type} that contains {@code day}. */
    public static PeriodRef containing(PeriodType type, LocalDate day) {
        LocalDate start = switch (type) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            case QUARTERLY -> day.with(IsoFields.DAY_OF_QUARTER, 1);
        };
        return new PeriodRef(type, start, end(type, start));
    }

    /** The period right before {@code period}. */
    public static PeriodRef previous(PeriodRef period) {
        return containing(period.periodType(), period.periodStart().minusDays(1));
    }

    /** The period right after {@code period}. */
    public static PeriodRef next(PeriodRef period) {
        return containing(period.periodType(), period.periodEnd().plusDays(1));
    }

    /** The last period of {@code type} that ended before {@code today}. */
    public static PeriodRef lastComplete(PeriodType type, LocalDate today) {
        return previous(containing(type, today));
    }

    /** Every period of {@code type} that overlaps {@code from..to} (inclusive), in order. */
    public static List<PeriodRef> overlapping(PeriodType type, LocalDate from, LocalDate to) {
        List<PeriodRef> periods = new ArrayList<>();
        for (PeriodRef p = containing(type, from); !p.periodStart().isAfter(to); p = next(p)) {
            periods.add(p);
        }
        return periods;
    }

    /** Days in the period. */
    public static int days(PeriodRef period) {
        return (int) ChronoUnit.DAYS.between(period.periodStart(), period.periodEnd()) + 1;
    }

    /** Whether the period has ended before {@code today}. */
    public static boolean isComplete(PeriodRef period, LocalDate today) {
        return period.periodEnd().isBefore(today);
    }

    private static LocalDate end(PeriodType type, LocalDate start) {
        return switch (type) {
            case DAILY -> start;
            case WEEKLY -> start.plusDays(6);
            case MONTHLY -> start.plusMonths(1).minusDays(1);
            case QUARTERLY -> start.plusMonths(3).minusDays(1);
        };
    }
}
