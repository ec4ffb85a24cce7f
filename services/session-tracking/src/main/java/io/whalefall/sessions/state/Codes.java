package io.whalefall.sessions.state;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lower-case codes under which enums are stored in SQL and named in query parameters. */
public final class Codes {

    private Codes() {
    }

    /** The code of {@code value}, null for null. */
    public static String of(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose code is {@code code}, empty when there is none. */
    public static <E extends Enum<E>> Optional<E> lookup(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> of(e).equals(code)).findFirst();
    }

    /** The constant whose code is {@code code}, null for null; fails for a code that is not one of them. */
    public static <E extends Enum<E>> E parse(Class<E> type, String code) {
        if (code == null) {
            return null;
        }
        return lookup(type, code).orElseThrow(() -> new IllegalArgumentException(
                "'" + code + "' is not a " + type.getSimpleName()));
    }

    /** The codes of every constant of {@code type}, comma-separated, for messages. */
    public static <E extends Enum<E>> String list(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Codes::of).toList());
    }
}
