package io.whalefall.contracts.stats;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times as microseconds since 1970-01-01T00:00:00Z, PostgreSQL's own precision. */
public final class UnixMicros {

    private UnixMicros() {
    }

    /** The time in microseconds since the epoch; anything finer than a microsecond is dropped. */
    public static long of(OffsetDateTime time) {
        return of(time.toInstant());
    }

    /** The instant in microseconds since the epoch; anything finer than a microsecond is dropped. */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The time in UTC, or null for null. */
    public static OffsetDateTime toUtc(Long micros) {
        return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
