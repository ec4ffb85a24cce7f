package io.whalefall.windows;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every window kind built from stored minute states, checked against the raw points. */
class WindowsTest {

    private static final HistogramBounds BOUNDS = HistogramBounds.DEFAULT;
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    /** Points over six hours with a quiet hour in the middle, a few exactly on window boundaries. */
    private final List<Point> points = points();

    @Test
    void tumblingWindowsOfAnyMultipleMatchTheRawPoints() {
        List<TimedState> minutes = states(points, Resolution.MINUTE);
        for (Duration size : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1))) {
            List<WindowResult> windows = Windows.tumbling(minutes, Resolution.MINUTE, size, T0, T0.plus(Duration.ofHours(6)), BOUNDS);
            assertThat(windows).hasSize((int) (Duration.ofHours(6).toMinutes() / size.toMinutes()));
            windows.forEach(window -> assertWindow(window, points));
        }
    }

    @Test
    void slidingWindowsMergeStoredStates() {
        List<TimedState> minutes = states(points, Resolution.MINUTE);
        List<WindowResult> windows = Windows.sliding(minutes, Resolution.MINUTE, Duration.ofMinutes(30),
                Duration.ofMinutes(10), T0, T0.plus(Duration.ofHours(6)), BOUNDS);
        assertThat(windows).hasSize(36);
        assertThat(windows.get(1).start()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(windows.get(1).end()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
        windows.forEach(window -> assertWindow(window, points));
    }

    @Test
    void emptyWindowsComeOutEmpty() {
        List<WindowResult> windows = Windows.tumbling(states(points, Resolution.MINUTE), Resolution.MINUTE,
                Duration.ofMinutes(30), T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3)), BOUNDS);
        assertThat(windows).hasSize(2).allSatisfy(w -> assertThat(w.state().count()).isZero());
        assertThat(Windows.tumbling(List.of(), Resolution.HOUR, Duration.ofHours(1), T0, T0.plus(Duration.ofHours(2)), BOUNDS))
                .hasSize(2);
    }

    @Test
    void aPointOnABoundaryBelongsToTheWindowItStarts() {
        Point onBoundary = new Point(T0.plus(Duration.ofMinutes(5)), 123);
        List<WindowResult> windows = Windows.tumbling(states(List.of(onBoundary), Resolution.MINUTE), Resolution.MINUTE,
                Duration.ofMinutes(5), T0, T0.plus(Duration.ofMinutes(10)), BOUNDS);
        assertThat(windows.get(0).state().count()).isZero();
        assertThat(windows.get(1).state().count()).isEqualTo(1);
        assertThat(Resolution.HOUR.windowStart(T0.plus(Duration.ofHours(1)))).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(Resolution.HOUR.windowStart(T0.plus(Duration.ofHours(1)).minusNanos(1))).isEqualTo(T0);
    }

    @Test
    void rollupsOfRollupsEqualDirectAggregation() {
        // minutes → hours → days, each level from the one below, against days built from the raw points
        List<TimedState> minutes = states(points, Resolution.MINUTE);
        List<TimedState> hours = rollup(minutes, Resolution.HOUR);
        List<TimedState> days = rollup(hours, Resolution.DAY);
        List<TimedState> direct = states(points, Resolution.DAY);
        assertThat(days).hasSameSizeAs(direct);
        for (int i = 0; i < days.size(); i++) {
            WindowState rolled = days.get(i).state();
            WindowState straight = direct.get(i).state();
            assertThat(days.get(i).start()).isEqualTo(direct.get(i).start());
            WindowStateTest.assertMatches(rolled, points.stream().map(Point::value).toList());
            assertThat(rolled.histogram()).containsExactly(straight.histogram());
            assertThat(rolled.quantile(0.95)).isEqualTo(straight.quantile(0.95));
            assertThat(rolled.quantile(0.5)).isEqualTo(straight.quantile(0.5));
        }
    }

    @Test
    void sessionsSplitWhereTheSeriesWasQuietForTheGap() {
        // activity 00:00-01:59 and 03:00-05:59 (a quiet hour between): a 30-minute gap splits them
        List<WindowResult> sessions = Windows.sessions(states(points, Resolution.MINUTE), Resolution.MINUTE,
                Duration.ofMinutes(30), BOUNDS);
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).start()).isEqualTo(T0);
        assertThat(sessions.get(0).end()).isEqualTo(lastMinuteEnd(T0, T0.plus(Duration.ofHours(2))));
        assertThat(sessions.get(1).start()).isEqualTo(firstMinute(T0.plus(Duration.ofHours(3))));
        sessions.forEach(session -> assertWindow(session, points));
        // a gap longer than the quiet hour keeps one session with everything
        assertThat(Windows.sessions(states(points, Resolution.MINUTE), Resolution.MINUTE, Duration.ofMinutes(90), BOUNDS))
                .singleElement().satisfies(s -> assertThat(s.state().count()).isEqualTo(points.size()));
    }

    @Test
    void windowSizesMustBeMultiplesOfTheResolution() {
        assertThatThrownBy(() -> Windows.sliding(List.of(), Resolution.HOUR, Duration.ofMinutes(90), Duration.ofHours(1),
                T0, T0.plus(Duration.ofDays(1)), BOUNDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size must be a positive multiple of 1h");
        assertThat(Resolution.coarsestDividing(Duration.ofHours(24), Duration.ofHours(1))).contains(Resolution.HOUR);
        assertThat(Resolution.coarsestDividing(Duration.ofDays(2))).contains(Resolution.DAY);
        assertThat(Resolution.coarsestDividing(Duration.ofSeconds(90))).isEmpty();
    }

    private static void assertWindow(WindowResult window, List<Point> points) {
        List<Double> inside = points.stream()
                .filter(p -> !p.time().isBefore(window.start()) && p.time().isBefore(window.end()))
                .map(Point::value).toList();
        if (inside.isEmpty()) {
            assertThat(window.state().count()).as("window %s", window.start()).isZero();
        } else {
            WindowStateTest.assertMatches(window.state(), inside);
        }
    }

    private static List<TimedState> states(List<Point> points, Resolution resolution) {
        Map<Instant, WindowState> byStart = new TreeMap<>();
        for (Point point : points) {
            byStart.computeIfAbsent(resolution.windowStart(point.time()), s -> WindowState.empty(BOUNDS)).add(point.value());
        }
        return byStart.entrySet().stream().map(e -> new TimedState(e.getKey(), e.getValue())).toList();
    }

    private static List<TimedState> rollup(List<TimedState> lower, Resolution to) {
        Map<Instant, WindowState> byStart = new TreeMap<>();
        for (TimedState state : lower) {
            byStart.computeIfAbsent(to.windowStart(state.start()), s -> WindowState.empty(BOUNDS)).merge(state.state());
        }
        return byStart.entrySet().stream().map(e -> new TimedState(e.getKey(), e.getValue())).toList();
    }

    private Instant lastMinuteEnd(Instant from, Instant to) {
        return points.stream().map(Point::time).filter(t -> !t.isBefore(from) && t.isBefore(to))
                .map(Resolution.MINUTE::windowStart).max(Instant::compareTo).orElseThrow().plus(Duration.ofMinutes(1));
    }

    private Instant firstMinute(Instant from) {
        return points.stream().map(Point::time).filter(t -> !t.isBefore(from))
                .map(Resolution.MINUTE::windowStart).min(Instant::compareTo).orElseThrow();
    }

    private static List<Point> points() {
        Random random = new Random(99);
        List<Point> points = new ArrayList<>();
        for (int second = 0; second < 6 * 3600; second += 1 + random.nextInt(20)) {
            if (second >= 2 * 3600 && second < 3 * 3600) {
                continue;
            }
            double value = Math.exp(3 + random.nextGaussian());
            points.add(new Point(T0.plusSeconds(second).plusMillis(random.nextInt(1000)), value));
        }
        for (int minute = 0; minute < 60; minute += 5) {
            points.add(new Point(T0.plus(Duration.ofMinutes(minute)), 1000 + minute)); // exactly on boundaries
        }
        return points;
    }

    private record Point(Instant time, double value) {
    }
}
