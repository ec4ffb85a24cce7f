package io.whalefall.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Jackson's {@code Instant} deserializer with the fast path of {@link Rfc3339OffsetDateTimeDeserializer}: a
 * strict RFC 3339 date-time is parsed by ITU, anything else takes Jackson's own path, so what is accepted,
 * what is refused and the error message are exactly as before. Every metric point and every minute window
 * carries an {@code Instant}: parsing them with {@code java.time}'s formatter took 6 to 19 % of each
 * service's CPU in the metric benchmark.
 */
public final class Rfc3339InstantDeserializer extends InstantDeserializer<Instant> {

    private static final long serialVersionUID = 1L;

    public Rfc3339InstantDeserializer() {
        super(InstantDeserializer.INSTANT, DateTimeFormatter.ISO_INSTANT);
    }

    @Override
    protected Instant _fromString(JsonParser parser, DeserializationContext context, String text) throws IOException {
        OffsetDateTime value = Rfc3339OffsetDateTimeDeserializer.rfc3339(text);
        return value == null ? super._fromString(parser, context, text) : value.toInstant();
    }
}
