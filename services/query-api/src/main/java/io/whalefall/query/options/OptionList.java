package io.whalefall.query.options;

import java.util.List;

/**
 * The choices of one filter.
 *
 * @param items     the choices, by name
 * @param truncated whether the list was cut at the cap (the filter should then also accept typed input)
 * @param <T>       the kind of choice
 */
public record OptionList<T>(List<T> items, boolean truncated) {

    /** The first {@code cap} of {@code rows}, which were read with one row more than the cap to detect a cut. */
    static <T> OptionList<T> capped(List<T> rows, int cap) {
        return rows.size() > cap ? new OptionList<>(List.copyOf(rows.subList(0, cap)), true)
                : new OptionList<>(List.copyOf(rows), false);
    }
}
