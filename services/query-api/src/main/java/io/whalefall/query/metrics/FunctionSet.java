package io.whalefall.query.metrics;

import io.whalefall.query.api.ParamReader;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statistics a window query returns: named functions and custom quantiles.
 *
 * @param functions the named functions ({@code count} is always returned)
 * @param quantiles custom quantiles (0..1) by the key they are returned under, e.g. {@code "0.999"}
 */
public record FunctionSet(Set<WindowFunction> functions, Map<String, Double> quantiles) {

    /** Without {@code functions}: every scalar statistic; the histogram only on request. */
    static final Set<WindowFunction> DEFAULT = EnumSet.complementOf(EnumSet.of(WindowFunction.HISTOGRAM));

    /** Whether {@code function} is returned. */
    public boolean has(WindowFunction function) {
        return function == WindowFunction.COUNT || functions.contains(function);
    }

    /** The function names, in their canonical order, as echoed in responses. */
    public List<String> codes() {
        return functions.stream().map(WindowFunction::code).toList();
    }

    /**
     * Reads {@code functions} (comma-separated names) and {@code quantiles} (comma-separated numbers from 0
     * to 1, at most {@code maxQuantiles}), recording errors in {@code reader}.
     */
    public static FunctionSet read(ParamReader reader, String rawFunctions, String rawQuantiles, int maxQuantiles) {
        return new FunctionSet(functions(reader, rawFunctions), quantiles(reader, rawQuantiles, maxQuantiles));
    }

    private static Set<WindowFunction> functions(ParamReader reader, String raw) {
        if (raw == null) {
            return EnumSet.copyOf(DEFAULT);
        }
        Set<WindowFunction> functions = EnumSet.noneOf(WindowFunction.class);
        for (String name : parts(raw)) {
            Optional<WindowFunction> function = WindowFunction.ofCode(name);
            if (function.isEmpty()) {
                reader.reject("functions", "each value must be one of " + Arrays.stream(WindowFunction.values())
                        .map(WindowFunction::code).collect(Collectors.joining(", ")) + " (custom quantiles: quantiles=)");
                return EnumSet.copyOf(DEFAULT);
            }
            functions.add(function.get());
        }
        if (functions.isEmpty()) {
            reader.reject("functions", "must name at least one function");
        }
        functions.add(WindowFunction.COUNT);
        return functions;
    }

    private static Map<String, Double> quantiles(ParamReader reader, String raw, int max) {
        Map<String, Double> quantiles = new LinkedHashMap<>();
        if (raw == null) {
            return quantiles;
        }
        for (String text : parts(raw)) {
            BigDecimal q = number(text);
            if (q == null || q.signum() < 0 || q.compareTo(BigDecimal.ONE) > 0) {
                reader.reject("quantiles", "each value must be a number from 0 to 1, e.g. 0.9,0.999");
                return Map.of();
            }
            quantiles.put(q.stripTrailingZeros().toPlainString(), q.doubleValue());
        }
        if (quantiles.size() > max) {
            reader.reject("quantiles", "at most " + max + " quantiles per query");
        }
        return quantiles;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> parts(String raw) {
        List<String> parts = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
