package io.whalefall.query.forecast;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The regression and the projection arithmetic, without a server. */
class ProjectionTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    @Test
    void aPerfectLineIsFoundExactly() {
        LinearFit fit = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {10, 12, 14, 16});

        assertThat(fit.slope()).isCloseTo(2.0, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(10.0, within(1e-9));
        assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-9));
        assertThat(fit.at(10)).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void noisyPointsGiveTheLeastSquaresLineAndALowerFit() {
        // y = 1 + 2x with residuals +1, -1, -1, +1
        LinearFit fit = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {2, 2, 4, 8});

        assertThat(fit.slope()).isCloseTo(2.0, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(1.0, within(1e-9));
        // residuals 1, -1, -1, 1 against a spread of 24 around the mean
        assertThat(fit.rSquared()).isCloseTo(1 - 4.0 / 24.0, within(1e-9));
    }

    @Test
    void aLineNeedsTwoDistinctDays() {
        assertThatThrownBy(() -> LinearFit.of(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinearFit.of(new double[] {1, 1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSteadyGrowthIsProjectedToTheDayTheThresholdIsCrossed() {
        List<DailyPoint> points = line(10, 100, 10);
        LocalDate today = START.plusDays(9);

        Projection projection = Projection.of(points, START, today, 300L, 7);

        // 190 MB today, 10 MB a day: 300 MB in 11 days
        assertThat(projection.status()).isEqualTo("projected");
        assertThat(projection.daysUntilThreshold()).isEqualTo(11);
        assertThat(projection.projectedDate()).isEqualTo(today.plusDays(11));
        assertThat(projection.fitQuality()).isEqualTo("good");
    }

    @Test
    void everyOtherOutcomeIsNamed() {
        LocalDate today = START.plusDays(9);
        assertThat(Projection.of(line(3, 100, 10), START, today, 300L, 7).status()).isEqualTo("insufficient_data");
        assertThat(Projection.of(line(10, 100, 10), START, today, null, 7).status()).isEqualTo("no_threshold");
        assertThat(Projection.of(line(10, 400, 10), START, today, 300L, 7).status()).isEqualTo("threshold_reached");
        assertThat(Projection.of(line(10, 200, -5), START, today, 300L, 7).status()).isEqualTo("not_growing");
        assertThat(Projection.of(line(10, 100, 0), START, today, 300L, 7).rSquared()).isEqualByComparingTo("1.0000");
    }

    @Test
    void aCrawlTowardsAFarThresholdIsBeyondTheHorizonNotADate() {
        List<DailyPoint> points = IntStream.range(0, 10).mapToObj(i -> new DailyPoint(START.plusDays(i), 100 + (i == 9 ? 1 : 0)))
                .toList();

        Projection projection = Projection.of(points, START, START.plusDays(9), 1_000_000_000L, 7);

        assertThat(projection.status()).isEqualTo("beyond_horizon");
        assertThat(projection.projectedDate()).isNull();
    }

    private static List<DailyPoint> line(int days, long first, long perDay) {
        return IntStream.range(0, days).mapToObj(i -> new DailyPoint(START.plusDays(i), first + perDay * i)).toList();
    }
}
