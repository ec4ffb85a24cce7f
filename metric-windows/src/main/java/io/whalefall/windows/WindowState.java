package io.whalefall.windows;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.encoding.VarEncodingHelper;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The mergeable state of one time window of one series: count, sum (compensated), min, max, mean and
 * the sum of squared deviations (Welford for single points, Chan et al. for merges — both numerically
 * stable), a DDSketch for quantiles and a histogram over fixed bounds.
 *
 * <p>Merging the states of adjacent windows gives exactly the state of the union window for count, min,
 * max, histogram and sketch, and the same sum, mean and variance up to floating-point rounding. So
 * hourly states are built from minute states, daily from hourly, and any window of a query from stored
 * states, never from raw points.
 *
 * <p>Quantiles: {@link #quantile(double)} returns a value within {@value #RELATIVE_ACCURACY} × |x| of
 * x, the exact lower quantile of the window's values (the element of rank ⌊q·(n−1)⌋ once sorted). The
 * sketch keeps at most {@value #MAX_BINS} bins per sign; beyond that (values spanning more than ~40
 * orders of magnitude) the lowest bins are merged and only the lowest quantiles lose accuracy.
 */
public final class WindowState {

    /** Relative accuracy of the quantile sketch. */
    public static final double RELATIVE_ACCURACY = 0.01;
    /** Bins per sign the sketch may use before it collapses its lowest ones. */
    public static final int MAX_BINS = 4096;
    /** The current binary form: variable-length integers, a sparse histogram. */
    private static final byte FORMAT = 2;
    /** The form written before, with fixed-width fields; still read. */
    private static final byte FIXED_WIDTH_FORMAT = 1;

    private final HistogramBounds bounds;
    private final long[] histogram;
    private final DDSketch sketch;
    private long count;
    private double sum;
    private double sumCompensation;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double m2;

    private WindowState(HistogramBounds bounds, DDSketch sketch) {
        this.bounds = bounds;
        this.histogram = new long[bounds.buckets()];
        this.sketch = sketch;
    }

    /** An empty window over these histogram bounds. */
    public static WindowState empty(HistogramBounds bounds) {
        return new WindowState(bounds, newSketch());
    }

    /** The state of the given values (a convenience for tests and small batches). */
    public static WindowState of(HistogramBounds bounds, double... values) {
        WindowState state = empty(bounds);
        for (double value : values) {
            state.add(value);
        }
        return state;
    }

    /** The merge of several states over the same bounds; an empty state when there are none. */
    public static WindowState mergeAll(HistogramBounds bounds, Iterable<WindowState> states) {
        WindowState merged = empty(bounds);
        for (WindowState state : states) {
            merged.merge(state);
        }
        return merged;
    }

    /** Adds one finite value. */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric values must be finite, got " + value);
        }
        count++;
        addToSum(value);
        min = Math.min(min, value);
        max = Math.max(max, value);
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        histogram[bounds.bucketOf(value)]++;
        sketch.accept(value);
    }

    /** Adds everything {@code other} holds; {@code other} is not changed. */
    public void merge(WindowState other) {
        if (!bounds.equals(other.bounds)) {
            throw new IllegalArgumentException("cannot merge windows with different histogram bounds: " + bounds
                    + " and " + other.bounds);
        }
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            mean = other.mean;
            m2 = other.m2;
        } else {
            long total = count + other.count;
            double delta = other.mean - mean;
            mean += delta * other.count / total;
            m2 += other.m2 + delta * delta * ((double) count * other.count / total);
        }
        count += other.count;
        addToSum(other.sum);
        addToSum(other.sumCompensation);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        for (int i = 0; i < histogram.length; i++) {
            histogram[i] += other.histogram[i];
        }
        sketch.mergeWith(other.sketch);
    }

    /** An independent copy. */
    public WindowState copy() {
        WindowState copy = empty(bounds);
        copy.merge(this);
        return copy;
    }

    public long count() {
        return count;
    }

    /** The sum of the values; 0 for an empty window. */
    public double sum() {
        return sum + sumCompensation;
    }

    /** Smallest value, NaN for an empty window. */
    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    /** Largest value, NaN for an empty window. */
    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    /** Mean of the values, NaN for an empty window. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Population variance (divided by n), NaN for an empty window. */
    public double variance() {
        return count == 0 ? Double.NaN : Math.max(0, m2 / count);
    }

    /** Population standard deviation, NaN for an empty window. */
    public double stddev() {
        return Math.sqrt(variance());
    }

    /** The value at quantile {@code q} (0..1) within the sketch's relative accuracy; NaN when empty. */
    public double quantile(double q) {
        if (q < 0 || q > 1 || Double.isNaN(q)) {
            throw new IllegalArgumentException("quantile must be between 0 and 1, got " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        // the sketch's bins are approximate; clamp to the exact extremes it cannot know
        return Math.max(min, Math.min(max, sketch.getValueAtQuantile(q)));
    }

    /** Counts per histogram bucket (a copy); the last bucket is {@code +Inf}. */
    public long[] histogram() {
        return histogram.clone();
    }

    /** The histogram bounds. */
    public HistogramBounds bounds() {
        return bounds;
    }

    /**
     * A compact binary form for storage and messages; {@link #decode} reads it back. The histogram is
     * written sparsely (only its non-empty buckets, as variable-length integers), because most windows,
     * and every delta of a few points, fill only a few buckets.
     */
    public byte[] encode() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            out.writeByte(FORMAT);
            VarEncodingHelper.encodeUnsignedVarLong(out, count);
            for (double figure : new double[] {sum, sumCompensation, min, max, mean, m2}) {
                out.writeLongLE(Double.doubleToRawLongBits(figure));
            }
            VarEncodingHelper.encodeUnsignedVarLong(out, histogram.length);
            int filled = 0;
            for (long bucket : histogram) {
                filled += bucket == 0 ? 0 : 1;
            }
            VarEncodingHelper.encodeUnsignedVarLong(out, filled);
            for (int i = 0; i < histogram.length; i++) {
                if (histogram[i] != 0) {
                    VarEncodingHelper.encodeUnsignedVarLong(out, i);
                    VarEncodingHelper.encodeUnsignedVarLong(out, histogram[i]);
                }
            }
            sketch.encode(out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    /**
     * Reads a state written by {@link #encode} over the same histogram bounds; also reads the fixed-width
     * form of earlier versions (format 1), which stored states may still hold.
     */
    public static WindowState decode(byte[] bytes, HistogramBounds bounds) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty window state");
        }
        try {
            return switch (bytes[0]) {
                case FORMAT -> decodeCompact(bytes, bounds);
                case FIXED_WIDTH_FORMAT -> decodeFixedWidth(bytes, bounds);
                default -> throw new IllegalArgumentException("unknown window state format " + bytes[0]);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("corrupt window state: " + e, e);
        }
    }

    private static WindowState decodeCompact(byte[] bytes, HistogramBounds bounds) throws IOException {
        ByteArrayInput in = ByteArrayInput.wrap(bytes, 1, bytes.length - 1);
        WindowState state = new WindowState(bounds, newSketch());
        state.count = VarEncodingHelper.decodeUnsignedVarLong(in);
        state.sum = readDouble(in);
        state.sumCompensation = readDouble(in);
        state.min = readDouble(in);
        state.max = readDouble(in);
        state.mean = readDouble(in);
        state.m2 = readDouble(in);
        requireBuckets(VarEncodingHelper.decodeUnsignedVarLong(in), state);
        long filled = VarEncodingHelper.decodeUnsignedVarLong(in);
        for (long i = 0; i < filled; i++) {
            long bucket = VarEncodingHelper.decodeUnsignedVarLong(in);
            if (bucket >= state.histogram.length) {
                throw new IllegalArgumentException("window state names histogram bucket " + bucket + " of "
                        + state.histogram.length);
            }
            state.histogram[(int) bucket] = VarEncodingHelper.decodeUnsignedVarLong(in);
        }
        state.sketch.decodeAndMergeWith(in);
        return state;
    }

    private static WindowState decodeFixedWidth(byte[] bytes, HistogramBounds bounds) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        WindowState state = new WindowState(bounds, newSketch());
        state.count = buffer.getLong();
        state.sum = buffer.getDouble();
        state.sumCompensation = buffer.getDouble();
        state.min = buffer.getDouble();
        state.max = buffer.getDouble();
        state.mean = buffer.getDouble();
        state.m2 = buffer.getDouble();
        requireBuckets(buffer.getInt(), state);
        for (int i = 0; i < state.histogram.length; i++) {
            state.histogram[i] = buffer.getLong();
        }
        int sketchLength = buffer.getInt();
        state.sketch.decodeAndMergeWith(ByteArrayInput.wrap(bytes, buffer.position(), sketchLength));
        return state;
    }

    private static double readDouble(ByteArrayInput in) throws IOException {
        return Double.longBitsToDouble(in.readLongLE());
    }

    private static void requireBuckets(long buckets, WindowState state) {
        if (buckets != state.histogram.length) {
            throw new IllegalArgumentException("window state has " + buckets + " histogram buckets, the bounds "
                    + state.bounds + " need " + state.histogram.length);
        }
    }

    /** Neumaier's compensated summation: the sum stays exact to the last bits over millions of values. */
    private void addToSum(double value) {
        double total = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            sumCompensation += (sum - total) + value;
        } else {
            sumCompensation += (value - total) + sum;
        }
        sum = total;
    }

    private static DDSketch newSketch() {
        return new DDSketch(new LogarithmicMapping(RELATIVE_ACCURACY), () -> new CollapsingLowestDenseStore(MAX_BINS));
    }

    @Override
    public String toString() {
        return "WindowState{count=" + count + ", sum=" + sum() + ", min=" + min() + ", max=" + max() + ", mean="
                + mean() + ", stddev=" + stddev() + ", histogram=" + Arrays.toString(histogram) + "}";
    }
}
