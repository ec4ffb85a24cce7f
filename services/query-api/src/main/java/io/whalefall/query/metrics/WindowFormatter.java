package io.whalefall.query.metrics;

import io.whalefall.windows.WindowResult;
import io.whalefall.windows.WindowState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a computed window as the API returns it: start, end, count and the requested statistics only,
 * with null where a statistic is undefined (avg, min, max, stddev and quantiles of an empty window).
 */
final class WindowFormatter {

    private final FunctionSet functions;

    WindowFormatter(FunctionSet functions) {
        this.functions = functions;
    }

    /** The window as a JSON object (keys in a fixed order). */
    Map<String, Object> format(WindowResult window) {
        WindowState state = window.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("start", window.start());
        out.put("end", window.end());
        out.put("count", state.count());
        if (functions.has(WindowFunction.SUM)) {
            out.put("sum", state.sum());
        }
        putIf(out, WindowFunction.AVG, state.mean());
        putIf(out, WindowFunction.MIN, state.min());
        putIf(out, WindowFunction.MAX, state.max());
        putIf(out, WindowFunction.STDDEV, state.stddev());
        putIf(out, WindowFunction.P50, state.quantile(0.5));
        putIf(out, WindowFunction.P95, state.quantile(0.95));
        putIf(out, WindowFunction.P99, state.quantile(0.99));
        if (!functions.quantiles().isEmpty()) {
            Map<String, Double> quantiles = new LinkedHashMap<>();
            functions.quantiles().forEach((key, q) -> quantiles.put(key, defined(state.quantile(q))));
            out.put("quantiles", quantiles);
        }
        if (functions.has(WindowFunction.HISTOGRAM)) {
            Map<String, Object> histogram = new LinkedHashMap<>();
            histogram.put("bounds", state.bounds().upperBounds());
            histogram.put("counts", state.histogram()); // one more than bounds: the last bucket is +Inf
            out.put("histogram", histogram);
        }
        return out;
    }

    private void putIf(Map<String, Object> out, WindowFunction function, double value) {
        if (functions.has(function)) {
            out.put(function.code(), defined(value));
        }
    }

    /** JSON has no NaN: an undefined statistic is null. */
    private static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
