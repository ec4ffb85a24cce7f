package io.whalefall.platform.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path must write exactly the text Jackson's own serializer writes, and be the one used. */
class Rfc3339InstantSerializerTest {

    record Point(Instant timestamp) {
    }

    record Formatted(@JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant number,
            @JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant pattern) {
    }

    private static ObjectMapper stock() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static ObjectMapper fast() {
        return stock().registerModule(new SimpleModule().addSerializer(Instant.class, new Rfc3339InstantSerializer()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-08T00:24:11Z", "2026-12-08T00:24:11.100Z", "2026-12-08T00:24:11.000001Z",
            "2026-12-08T00:24:11.123456789Z", "2026-12-08T00:24:11.120Z", "2026-12-08T00:24:11.123450Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
            "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "2024-02-29T12:00:00.5Z"})
    void writesWhatJacksonWrites(String text) throws Exception {
        Point point = new Point(Instant.parse(text));
        assertThat(fast().writeValueAsString(point)).isEqualTo(stock().writeValueAsString(point))
                .contains(Instant.parse(text).toString());
    }

    @Test
    void writesWhatJacksonWritesForRandomInstantsOfEveryPrecision() throws Exception {
        ObjectMapper fast = fast();
        ObjectMapper stock = stock();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Point point = new Point(Instant.ofEpochSecond(seconds, nanos));
            assertThat(fast.writeValueAsString(point)).isEqualTo(stock.writeValueAsString(point));
        }
    }

    @Test
    void staysTheSerializerOfEveryPropertyJacksonMakesItFor() throws Exception {
        ObjectMapper mapper = fast();
        assertThat(new Rfc3339InstantSerializer().createContextual(mapper.getSerializerProviderInstance(), null))
                .isInstanceOf(Rfc3339InstantSerializer.class);
    }

    @Test
    void numericTimestampsStayJacksons() throws Exception {
        Point point = new Point(Instant.parse("2026-12-08T00:24:11.5Z"));
        assertThat(fast().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(point))
                .isEqualTo(stock().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(point));
    }

    @Test
    void aPropertysOwnFormatStaysJacksons() throws Exception {
        Instant instant = Instant.parse("2026-12-08T00:24:11.5Z");
        Formatted formatted = new Formatted(instant, instant);
        assertThat(fast().writeValueAsString(formatted)).isEqualTo(stock().writeValueAsString(formatted))
                .contains("2026-12-08 00:24");
    }
}
