package io.whalefall.query.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A growth projection: a line fitted to daily sizes of a window, and when it crosses a threshold. Pure
 * arithmetic, independent of where the points come from.
 *
 * @param status             insufficient_data, no_threshold, threshold_reached, not_growing, beyond_horizon or projected
 * @param message            the answer in words
 * @param growthMbPerDay     slope of the fitted line (MB per day), null without enough data
 * @param rSquared           fit quality 0..1, null without enough data
 * @param fitQuality         good (r² ≥ 0.9), fair (≥ 0.6) or poor
 * @param fittedSizeMbToday  the line's value today
 * @param daysUntilThreshold days from today until the line reaches the threshold (0 once reached)
 * @param projectedDate      today plus those days
 */
public record Projection(
        String status,
        String message,
        BigDecimal growthMbPerDay,
        BigDecimal rSquared,
        String fitQuality,
        BigDecimal fittedSizeMbToday,
        Long daysUntilThreshold,
        LocalDate projectedDate) {

    /** Projections further out than this (100 years) are reported as beyond the horizon, not as a date. */
    static final long HORIZON_DAYS = 36_500;

    /**
     * Projects {@code points} (one per day, oldest first, all within the window starting at {@code windowStart}).
     *
     * @param threshold the size to project to, or null to report growth only
     * @param minPoints the fewest points a projection needs (at least 2)
     */
    public static Projection of(List<DailyPoint> points, LocalDate windowStart, LocalDate today, Long threshold,
            int minPoints) {
        int needed = Math.max(2, minPoints);
        if (points.size() < needed) {
            return new Projection("insufficient_data", "Only " + points.size() + " daily aggregate"
                    + (points.size() == 1 ? "" : "s") + " in the window; a forecast needs at least " + needed,
                    null, null, null, null, null, null);
        }
        double[] x = points.stream().mapToDouble(p -> ChronoUnit.DAYS.between(windowStart, p.day())).toArray();
        double[] y = points.stream().mapToDouble(DailyPoint::sizeMb).toArray();
        LinearFit fit = LinearFit.of(x, y);
        double fittedToday = fit.at(ChronoUnit.DAYS.between(windowStart, today));
        BigDecimal growth = round(fit.slope(), 2);
        BigDecimal r2 = round(fit.rSquared(), 4);
        String quality = fit.rSquared() >= 0.9 ? "good" : fit.rSquared() >= 0.6 ? "fair" : "poor";
        BigDecimal fitted = round(fittedToday, 2);
        long current = points.get(points.size() - 1).sizeMb();
        String trend = "The size changes by " + growth.toPlainString() + " MB/day over " + points.size() + " days (r² "
                + r2.toPlainString() + ", " + quality + " fit)";
        if (threshold == null) {
            return new Projection("no_threshold", trend + "; give threshold_mb or register the instance's capacity "
                    + "to project when it fills", growth, r2, quality, fitted, null, null);
        }
        if (current >= threshold || fittedToday >= threshold) {
            return new Projection("threshold_reached", "The size has reached the threshold of " + threshold + " MB",
                    growth, r2, quality, fitted, 0L, today);
        }
        if (fit.slope() <= 0) {
            return new Projection("not_growing", trend + ": the threshold of " + threshold + " MB is not approached",
                    growth, r2, quality, fitted, null, null);
        }
        double days = Math.ceil((threshold - fittedToday) / fit.slope());
        if (days > HORIZON_DAYS) {
            return new Projection("beyond_horizon", trend + ": the threshold of " + threshold
                    + " MB is more than 100 years away", growth, r2, quality, fitted, null, null);
        }
        long whole = (long) days;
        LocalDate date = today.plusDays(whole);
        return new Projection("projected", trend + ": the threshold of " + threshold + " MB is reached in " + whole
                + " days, around " + date, growth, r2, quality, fitted, whole, date);
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
