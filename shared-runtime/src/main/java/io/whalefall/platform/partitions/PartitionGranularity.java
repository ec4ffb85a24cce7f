package io.whalefall.platform.partitions;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How much time one partition of a range-partitioned table covers: a UTC day, month or year. Partitions
 * are named {@code <table>_<suffix>} with the suffix {@code yyyyMMdd}, {@code yyyyMM} or {@code yyyy} of
 * their first instant, so a name alone tells the range.
 */
public enum PartitionGranularity {
    DAY("uuuuMMdd"),
    MONTH("uuuuMM"),
    YEAR("uuuu");

    private final DateTimeFormatter format;
    private final int suffixLength;

    PartitionGranularity(String pattern) {
        this.format = DateTimeFormatter.ofPattern(pattern);
        this.suffixLength = pattern.length();
    }

    /** Start of the partition containing {@code instant}. */
    public Instant floor(Instant instant) {
        return startOf(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    /** {@code units} partitions after {@code instant} (whole days, months or years, in UTC). */
    public Instant plus(Instant instant, long units) {
        var time = instant.atOffset(ZoneOffset.UTC);
        return switch (this) {
            case DAY -> time.plusDays(units).toInstant();
            case MONTH -> time.plusMonths(units).toInstant();
            case YEAR -> time.plusYears(units).toInstant();
        };
    }

    /** The name suffix of the partition starting at {@code start}. */
    public String suffix(Instant start) {
        return format.format(LocalDate.ofInstant(start, ZoneOffset.UTC));
    }

    /** The start of the partition a suffix names; empty when it is not a suffix of this granularity. */
    public Optional<Instant> parseSuffix(String suffix) {
        if (suffix.length() != suffixLength || !suffix.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            LocalDate date = switch (this) {
                case DAY -> LocalDate.parse(suffix, format);
                case MONTH -> YearMonth.parse(suffix, format).atDay(1);
                case YEAR -> Year.parse(suffix, format).atDay(1);
            };
            return Optional.of(startOf(date));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private Instant startOf(LocalDate date) {
        LocalDate first = switch (this) {
            case DAY -> date;
            case MONTH -> date.withDayOfMonth(1);
            case YEAR -> date.withDayOfYear(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
