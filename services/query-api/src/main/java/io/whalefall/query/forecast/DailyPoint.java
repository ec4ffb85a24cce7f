package io.whalefall.query.forecast;

import java.time.LocalDate;

/**
 * One daily aggregate a forecast is fitted to.
 *
 * @param day    the day
 * @param sizeMb the size that day (a database's avg_size_mb or an instance's total_size_mb)
 */
public record DailyPoint(LocalDate day, long sizeMb) {
}
