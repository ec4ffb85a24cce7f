package io.whalefall.query.metrics;

import java.util.regex.Pattern;

/** The rules stats-ingestion applies to label names and values, so that a query can name any stored label. */
final class LabelNames {

    /** Most labels a series has; also the most filters and group-by keys a query may give. */
    static final int MAX_LABELS = 20;
    static final int MAX_VALUE_LENGTH = 200;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");

    private LabelNames() {
    }

    /** Whether {@code name} is a valid label name. */
    static boolean valid(String name) {
        return NAME.matcher(name).matches();
    }

    /** The rule, for error messages. */
    static String rule() {
        return "label names are letters, digits and '_' (not starting with a digit), at most 100 characters";
    }

    /** A label name as it may be quoted in an error: bounded, with control characters made visible. */
    static String printable(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> text.append(Character.isISOControl(c) ? "\\u" + Integer.toHexString(c)
                : Character.toString(c)));
        return text.toString();
    }
}
