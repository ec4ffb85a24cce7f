package io.whalefall.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast path must not change what is accepted: every text gives the same instant, or the same refusal. */
class Rfc3339InstantDeserializerTest {

    record Point(Instant timestamp) {
    }

    private static ObjectMapper stock() {
        return new ObjectMapper().registerModule(new JavaTimeModule());
    }

    private static ObjectMapper fast() {
        return stock().registerModule(new SimpleModule().addDeserializer(Instant.class,
                new Rfc3339InstantDeserializer()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T10:00:00+08:00", "2026-11-20T10:00:00Z", "2026-11-20t10:00:00z",
            "2026-11-20T10:00:00.1Z", "2026-11-20T10:00:00.123456-03:30", "2026-11-20T23:59:59.999999999+14:00",
            "2024-02-29T00:00:00-12:00", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
            // not RFC 3339, or not as java.time reads it, so Jackson's own path: these must behave as they always
            // did (its formatter is lenient with 24:00 and smooths a leap second)
            "2026-11-20T24:00:00Z", "2026-11-20T23:59:60Z", "2026-11-20T10:00:00-00:00", "+12026-11-20T10:00:00Z",
            "1700000000", "1700000000.5", " 2026-11-20T10:00:00Z "})
    void acceptsExactlyWhatJacksonAcceptsAndReadsTheSameInstant(String text) throws Exception {
        assertThat(read(fast(), text)).as(text).isEqualTo(read(stock(), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20 10:00:00Z", "2026-11-20T10:00:00", "2026-02-30T10:00:00Z",
            "2026-11-20T10:00Z", "2026-11-20T10:00:00+0800", "2026-11-20T10:00:00.1234567891Z", "yesterday",
            "2026-11-20T"})
    void refusesWhatJacksonRefusesWithTheSameMessage(String text) {
        Throwable expected = catchFailure(stock(), text);
        assertThat(expected).as("Jackson itself refuses %s", text).isNotNull();
        assertThatThrownBy(() -> read(fast(), text)).isInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
    }

    private static Instant read(ObjectMapper mapper, String text) throws Exception {
        return mapper.readValue("{\"timestamp\":\"" + text + "\"}", Point.class).timestamp();
    }

    private static Throwable catchFailure(ObjectMapper mapper, String text) {
        try {
            read(mapper, text);
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
