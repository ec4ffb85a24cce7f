package io.whalefall.windows;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesKeyTest {

    @Test
    void theSameNameAndLabelsInAnyOrderAreTheSameSeries() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("instance", "1");
        ab.put("database", "orders");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("database", "orders");
        ba.put("instance", "1");
        assertThat(SeriesKey.of("db.size", ab).id()).isEqualTo(SeriesKey.of("db.size", ba).id());
        assertThat(SeriesKey.of("db.size", ab).canonical()).isEqualTo("db.size{database=\"orders\",instance=\"1\"}");
        assertThat(SeriesKey.of("db.size", Map.of("instance", "2")).id()).isNotEqualTo(SeriesKey.of("db.size", ab).id());
        assertThat(SeriesKey.of("db.size", null).canonical()).isEqualTo("db.size{}");
    }

    @Test
    void quotesInValuesCannotForgeAnotherSeries() {
        SeriesKey tricky = SeriesKey.of("m", Map.of("a", "1\",b=\"2"));
        SeriesKey two = SeriesKey.of("m", Map.of("a", "1", "b", "2"));
        assertThat(tricky.canonical()).isNotEqualTo(two.canonical());
        assertThat(tricky.id()).isNotEqualTo(two.id());
    }
}
