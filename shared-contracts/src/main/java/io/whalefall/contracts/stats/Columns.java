package io.whalefall.contracts.stats;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What parallel sample columns share: the soundness check and the column operations. */
final class Columns {

    private Columns() {
    }

    /**
     * Every column present with {@code size} values, and no null in a required one.
     *
     * @param requiredNames the required columns' names, in order, for the message
     * @param optionalNames the optional columns' names, in order, for the message
     */
    static Optional<String> defect(int size, List<Object[]> required, List<Object[]> optional, String requiredNames,
            String optionalNames) {
        for (Object[] column : required) {
            if (column == null || column.length != size) {
                return Optional.of("the columns " + requiredNames + " must all be present with " + size + " values");
            }
            if (Arrays.stream(column).anyMatch(Objects::isNull)) {
                return Optional.of("the columns " + requiredNames + " must hold no null");
            }
        }
        for (Object[] column : optional) {
            if (column == null || column.length != size) {
                return Optional.of("the columns " + optionalNames + " must be present with " + size
                        + " values (null where unknown)");
            }
        }
        return Optional.empty();
    }

    /** The column without the values at the positions set in {@code drop}. */
    static <T> T[] without(T[] column, BitSet drop) {
        T[] kept = Arrays.copyOf(column, column.length - drop.cardinality());
        int k = 0;
        for (int i = 0; i < column.length; i++) {
            if (!drop.get(i)) {
                kept[k++] = column[i];
            }
        }
        return kept;
    }
}
