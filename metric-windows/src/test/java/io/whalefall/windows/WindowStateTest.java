package io.whalefall.windows;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WindowStateTest {

    private static final HistogramBounds BOUNDS = HistogramBounds.parse("-10,0,1,10,100,1000");

    @Test
    void everyFunctionMatchesTheBruteForceComputation() {
        List<Double> values = randomValues(new Random(7), 5_000);
        WindowState state = WindowState.empty(BOUNDS);
        values.forEach(state::add);
        assertMatches(state, values);
    }

    @Test
    void mergingPartsGivesTheStateOfTheWhole() {
        List<Double> values = randomValues(new Random(11), 3_000);
        WindowState whole = WindowState.empty(BOUNDS);
        values.forEach(whole::add);
        List<WindowState> parts = new ArrayList<>();
        for (int from = 0; from < values.size(); from += 257) {
            WindowState part = WindowState.empty(BOUNDS);
            values.subList(from, Math.min(from + 257, values.size())).forEach(part::add);
            parts.add(part);
        }
        WindowState merged = WindowState.mergeAll(BOUNDS, parts);
        assertMatches(merged, values);
        assertThat(merged.histogram()).containsExactly(whole.histogram());
        for (double q : new double[] {0, 0.25, 0.5, 0.95, 0.99, 1}) {
            assertThat(merged.quantile(q)).as("q=%s", q).isEqualTo(whole.quantile(q)); // sketches merge exactly
        }
    }

    @Test
    void aCopyIsIndependentAndEqual() {
        List<Double> values = randomValues(new Random(13), 500);
        WindowState original = WindowState.empty(BOUNDS);
        values.forEach(original::add);
        WindowState copy = original.copy();
        assertMatches(copy, values);
        copy.add(1e6);
        assertMatches(original, values);
        assertThat(copy.count()).isEqualTo(values.size() + 1);
    }

    @Test
    void varianceStaysAccurateForLargeValuesWithSmallSpread() {
        Random random = new Random(3);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            values.add(1e9 + random.nextDouble());
        }
        WindowState a = WindowState.empty(HistogramBounds.DEFAULT);
        WindowState b = WindowState.empty(HistogramBounds.DEFAULT);
        for (int i = 0; i < values.size(); i++) {
            (i % 2 == 0 ? a : b).add(values.get(i));
        }
        a.merge(b);
        // the naive E[x²] − E[x]² would lose every digit here (1e18 − 1e18)
        assertThat(a.stddev()).isCloseTo(BruteForce.stddev(values), within(1e-6));
        assertThat(a.stddev()).isCloseTo(Math.sqrt(1.0 / 12), within(0.01));
        assertThat(a.sum()).isCloseTo(BruteForce.sum(values), within(1e-3));
    }

    @Test
    void anEmptyWindowHasACountOfZeroAndNoValues() {
        WindowState empty = WindowState.empty(BOUNDS);
        assertThat(empty.count()).isZero();
        assertThat(empty.sum()).isZero();
        assertThat(empty.min()).isNaN();
        assertThat(empty.max()).isNaN();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.stddev()).isNaN();
        assertThat(empty.quantile(0.5)).isNaN();
        assertThat(empty.histogram()).containsOnly(0L);
        WindowState other = WindowState.of(BOUNDS, 5);
        other.merge(empty);
        assertThat(other.count()).isEqualTo(1);
        empty.merge(other);
        assertThat(empty.mean()).isEqualTo(5);
    }

    @Test
    void aSinglePointIsEveryStatistic() {
        WindowState one = WindowState.of(BOUNDS, 42.5);
        assertThat(one.count()).isEqualTo(1);
        assertThat(one.min()).isEqualTo(42.5);
        assertThat(one.max()).isEqualTo(42.5);
        assertThat(one.mean()).isEqualTo(42.5);
        assertThat(one.stddev()).isZero();
        assertThat(one.quantile(0.5)).isEqualTo(42.5);
        assertThat(one.quantile(0.99)).isEqualTo(42.5);
        assertThat(one.histogram()).containsExactly(0, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void aValueOnABucketBoundFallsInThatBucket() {
        WindowState state = WindowState.of(BOUNDS, 10, 10.000001, -10, 1000, 1000.5);
        assertThat(state.histogram()).containsExactly(1, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void aDeltaOfOnePointEncodesInAFewDozenBytes() {
        byte[] encoded = WindowState.of(HistogramBounds.DEFAULT, 42.5).encode();
        // count, six figures, one histogram bucket and one sketch bin: the fixed-width form took 220 bytes
        assertThat(encoded.length).isLessThan(80);
        assertThat(WindowState.decode(encoded, HistogramBounds.DEFAULT).quantile(0.5)).isEqualTo(42.5);
    }

    @Test
    void statesStoredInTheEarlierFixedWidthFormStillDecode() throws Exception {
        List<Double> values = randomValues(new Random(9), 500);
        WindowState expected = WindowState.empty(BOUNDS);
        values.forEach(expected::add);
        WindowState decoded = WindowState.decode(fixedWidthForm(expected, values), BOUNDS);
        assertMatches(decoded, values);
        assertThat(decoded.histogram()).isEqualTo(expected.histogram());
    }

    @Test
    void aTruncatedStateIsRefusedWithAReason() {
        byte[] encoded = WindowState.of(BOUNDS, 1, 2, 3).encode();
        assertThatThrownBy(() -> WindowState.decode(Arrays.copyOf(encoded, 20), BOUNDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt window state");
        assertThatThrownBy(() -> WindowState.decode(new byte[] {7, 0}, BOUNDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown window state format 7");
    }

    /** The format-1 layout: fixed-width count, figures and histogram, then the sketch's length and bytes. */
    private static byte[] fixedWidthForm(WindowState state, List<Double> values) throws Exception {
        DDSketch sketch = new DDSketch(new LogarithmicMapping(WindowState.RELATIVE_ACCURACY),
                () -> new CollapsingLowestDenseStore(WindowState.MAX_BINS));
        values.forEach(sketch::accept);
        GrowingByteArrayOutput sketchBytes = GrowingByteArrayOutput.withDefaultInitialCapacity();
        sketch.encode(sketchBytes, true);
        long[] histogram = state.histogram();
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 6 * 8 + 4 + histogram.length * 8 + 4
                + sketchBytes.numWrittenBytes());
        buffer.put((byte) 1).putLong(state.count()).putDouble(state.sum()).putDouble(0).putDouble(state.min())
                .putDouble(state.max()).putDouble(state.mean()).putDouble(state.variance() * state.count())
                .putInt(histogram.length);
        for (long bucket : histogram) {
            buffer.putLong(bucket);
        }
        buffer.putInt(sketchBytes.numWrittenBytes()).put(sketchBytes.trimmedCopy());
        return buffer.array();
    }

    @Test
    void theEncodedFormRoundTrips() {
        List<Double> values = randomValues(new Random(5), 1_000);
        WindowState state = WindowState.empty(BOUNDS);
        values.forEach(state::add);
        WindowState decoded = WindowState.decode(state.encode(), BOUNDS);
        assertMatches(decoded, values);
        assertThat(decoded.encode()).isEqualTo(state.encode());
        assertThat(WindowState.decode(WindowState.empty(BOUNDS).encode(), BOUNDS).count()).isZero();
        assertThatThrownBy(() -> WindowState.decode(state.encode(), HistogramBounds.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("histogram buckets");
    }

    @Test
    void nonFiniteValuesAndMismatchedBoundsAreRefused() {
        WindowState state = WindowState.empty(BOUNDS);
        assertThatThrownBy(() -> state.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.add(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.merge(WindowState.empty(HistogramBounds.DEFAULT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistogramBounds.parse("1,5,3")).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertMatches(WindowState state, List<Double> values) {
        assertThat(state.count()).isEqualTo(values.size());
        assertThat(state.sum()).isCloseTo(BruteForce.sum(values), within(1e-9 * Math.abs(BruteForce.sum(values)) + 1e-9));
        assertThat(state.min()).isEqualTo(BruteForce.min(values));
        assertThat(state.max()).isEqualTo(BruteForce.max(values));
        assertThat(state.mean()).isCloseTo(BruteForce.mean(values), within(1e-9 * Math.abs(BruteForce.mean(values)) + 1e-12));
        assertThat(state.stddev()).isCloseTo(BruteForce.stddev(values), within(1e-9 * BruteForce.stddev(values) + 1e-12));
        assertThat(state.histogram()).containsExactly(BruteForce.histogram(values, state.bounds()));
        for (double q : new double[] {0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1}) {
            double exact = BruteForce.quantile(values, q);
            assertThat(state.quantile(q)).as("quantile %s", q)
                    .isCloseTo(exact, within(WindowState.RELATIVE_ACCURACY * Math.abs(exact) + 1e-12));
        }
    }

    /** Log-normal-ish positives, some negatives and exact zeros: the shapes metrics take. */
    static List<Double> randomValues(Random random, int n) {
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double kind = random.nextDouble();
            values.add(kind < 0.05 ? 0.0 : kind < 0.15 ? -Math.exp(random.nextGaussian())
                    : Math.exp(2 + 1.5 * random.nextGaussian()));
        }
        return values;
    }
}
