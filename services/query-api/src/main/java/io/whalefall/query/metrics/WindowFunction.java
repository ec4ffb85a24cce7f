package io.whalefall.query.metrics;

import java.util.Locale;
import java.util.Optional;

/** A statistic a window query can return for each window. */
public enum WindowFunction {
    COUNT,
    SUM,
    AVG,
    MIN,
    MAX,
    STDDEV,
    P50,
    P95,
    P99,
    HISTOGRAM;

    /** The name used in requests and responses. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The function named {@code code} (case-insensitive). */
    public static Optional<WindowFunction> ofCode(String code) {
        for (WindowFunction function : values()) {
            if (function.code().equals(code.toLowerCase(Locale.ROOT))) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
