package io.whalefall.tools.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Progress lines for a run that takes minutes: what is happening, since when. */
final class Console {

    private final Instant start = Instant.now();

    void phase(String text) {
        System.out.printf(Locale.ROOT, "%n[%s] %s%n", elapsed(), text);
    }

    void step(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s]   " + format + "%n", prepend(elapsed(), args));
    }

    /** Overwrites the current line (a progress counter). */
    void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "\r[%s]   " + format + "    ", prepend(elapsed(), args));
        System.out.flush();
    }

    void endProgress() {
        System.out.println();
    }

    private String elapsed() {
        Duration d = Duration.between(start, Instant.now());
        return String.format(Locale.ROOT, "%02d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
