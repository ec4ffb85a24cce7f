package io.whalefall.platform.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast path must not change what the API accepts: every text gives the same date-time, or the same
 * refusal, as Jackson's own deserializer — with the adjustment to the context time zone on and off.
 */
class Rfc3339OffsetDateTimeDeserializerTest {

    record Sample(OffsetDateTime collectedAt) {
    }

    private static ObjectMapper stock() {
        return new ObjectMapper().registerModule(new JavaTimeModule());
    }

    private static ObjectMapper fast() {
        return stock().registerModule(new SimpleModule().addDeserializer(OffsetDateTime.class,
                new Rfc3339OffsetDateTimeDeserializer()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T10:00:00+08:00", "2026-11-20T10:00:00Z", "2026-11-20t10:00:00z",
            "2026-11-20T10:00:00.1Z", "2026-11-20T10:00:00.123456-03:30", "2026-11-20T23:59:59.999999999+14:00",
            "2024-02-29T00:00:00-12:00",
            // not RFC 3339, so Jackson's own path: these must behave as they always did
            "2026-11-20T10:00Z", "2026-11-20T10:00:00-00:00", "2026-11-20T10:00:00+00:00", "2026-11-20T10:00:00+0800", "+12026-11-20T10:00:00Z",
            "1700000000", "1700000000.5", " 2026-11-20T10:00:00Z "})
    void acceptsExactlyWhatJacksonAcceptsAndReadsTheSameInstantAndOffset(String text) throws Exception {
        for (boolean adjust : new boolean[] {true, false}) {
            OffsetDateTime expected = read(stock(), text, adjust);
            OffsetDateTime actual = read(fast(), text, adjust);
            assertThat(actual).as("%s, adjust to context zone %s", text, adjust).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20 10:00:00Z", "2026-11-20T10:00:00",
            "2026-02-30T10:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T23:59:60Z", "2026-11-20T10:00:00.1234567891Z",
            "yesterday", "2026-11-20T"})
    void refusesWhatJacksonRefusesWithTheSameMessage(String text) {
        Throwable expected = catchFailure(stock(), text);
        assertThat(expected).as("Jackson itself refuses %s", text).isNotNull();
        assertThatThrownBy(() -> read(fast(), text, true)).isInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T10:00:00+08:00"})
    void adjustsToTheContextZoneLikeJackson(String text) throws Exception {
        assertThat(read(fast(), text, true).getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(read(fast(), text, false).getOffset()).isEqualTo(ZoneOffset.ofHours(8));
    }

    private static OffsetDateTime read(ObjectMapper mapper, String text, boolean adjust) throws Exception {
        return mapper.configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, adjust)
                .readValue("{\"collectedAt\":\"" + text + "\"}", Sample.class).collectedAt();
    }

    private static Throwable catchFailure(ObjectMapper mapper, String text) {
        try {
            read(mapper, text, true);
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
