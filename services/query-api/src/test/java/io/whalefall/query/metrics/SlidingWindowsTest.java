package io.whalefall.query.metrics;

import io.whalefall.windows.Resolution;
import io.whalefall.windows.TimedState;
import io.whalefall.windows.WindowResult;
import io.whalefall.windows.WindowState;
import io.whalefall.windows.Windows;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The two-stack sliding windows give the windows of metric-windows' Windows.sliding, state for state. */
class SlidingWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void everyOverlapGivesTheWindowsOfTheLibrary() {
        // hourly states over five days with quiet stretches, a few hours missing altogether
        List<Point> points = Points.concat(Points.random(1, T0, T0.plus(Duration.ofDays(2)), 600),
                Points.random(2, T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(5)), 900));
        List<TimedState> hours = states(points, Resolution.HOUR);
        for (long[] sizeAndSlide : new long[][] {{24, 1}, {24, 5}, {3, 2}, {1, 3}, {6, 6}, {48, 24}, {5, 7}}) {
            Duration size = Duration.ofHours(sizeAndSlide[0]);
            Duration slide = Duration.ofHours(sizeAndSlide[1]);
            Instant from = T0.plus(Duration.ofMinutes(90));
            Instant to = T0.plus(Duration.ofDays(5));
            List<WindowResult> expected = Windows.sliding(hours, Resolution.HOUR, size, slide, from, to,
                    RawSeries.BOUNDS);
            List<WindowResult> actual = SlidingWindows.compute(hours, size, slide, from, to, RawSeries.BOUNDS);
            assertThat(actual).as("%s every %s", size, slide).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertSame(actual.get(i), expected.get(i));
                assertThat(actual.get(i).state().count())
                        .isEqualTo(WindowChecks.inside(points, actual.get(i).start(), actual.get(i).end()).size());
            }
        }
    }

    @Test
    void windowsWithoutStatesAreEmptyAndNoStatesGiveEmptyWindows() {
        List<TimedState> one = List.of(new TimedState(T0.plus(Duration.ofHours(5)), WindowState.of(RawSeries.BOUNDS, 7)));
        List<WindowResult> windows = SlidingWindows.compute(one, Duration.ofHours(2), Duration.ofHours(1), T0,
                T0.plus(Duration.ofHours(8)), RawSeries.BOUNDS);
        assertThat(windows).extracting(w -> w.state().count()).containsExactly(0L, 0L, 0L, 0L, 1L, 1L, 0L, 0L);
        assertThat(SlidingWindows.compute(List.of(), Duration.ofHours(2), Duration.ofHours(1), T0,
                T0.plus(Duration.ofHours(3)), RawSeries.BOUNDS)).hasSize(3).allSatisfy(w -> assertThat(w.state().count()).isZero());
    }

    @Test
    void theInputStatesAreNotChanged() {
        List<TimedState> hours = states(Points.random(3, T0, T0.plus(Duration.ofDays(1)), 300), Resolution.HOUR);
        List<Long> before = hours.stream().map(s -> s.state().count()).toList();
        SlidingWindows.compute(hours, Duration.ofHours(6), Duration.ofHours(1), T0, T0.plus(Duration.ofDays(1)),
                RawSeries.BOUNDS);
        assertThat(hours.stream().map(s -> s.state().count()).toList()).isEqualTo(before);
    }

    private static void assertSame(WindowResult actual, WindowResult expected) {
        assertThat(actual.start()).isEqualTo(expected.start());
        assertThat(actual.end()).isEqualTo(expected.end());
        WindowState a = actual.state();
        WindowState e = expected.state();
        assertThat(a.count()).isEqualTo(e.count());
        assertThat(a.histogram()).containsExactly(e.histogram());
        if (e.count() == 0) {
            return;
        }
        assertThat(a.min()).isEqualTo(e.min());
        assertThat(a.max()).isEqualTo(e.max());
        assertThat(a.sum()).isCloseTo(e.sum(), within(1e-9 * Math.abs(e.sum()) + 1e-12));
        assertThat(a.mean()).isCloseTo(e.mean(), within(1e-9 * Math.abs(e.mean()) + 1e-12));
        assertThat(a.stddev()).isCloseTo(e.stddev(), within(1e-9 * e.stddev() + 1e-12));
        for (double q : new double[] {0, 0.5, 0.95, 0.99, 1}) {
            // sketches merge exactly whatever the order
            assertThat(a.quantile(q)).as("q%s", q).isEqualTo(e.quantile(q));
        }
    }

    private static List<TimedState> states(List<Point> points, Resolution resolution) {
        Map<Instant, WindowState> byStart = new TreeMap<>();
        points.forEach(p -> byStart.computeIfAbsent(resolution.windowStart(p.time()), s -> WindowState.empty(RawSeries.BOUNDS))
                .add(p.value()));
        return byStart.entrySet().stream().map(e -> new TimedState(e.getKey(), e.getValue())).toList();
    }
}
