package io.whalefall.windows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void labelsJsonReadsBackAsTheLabelsSortedByKeyWhateverTheyHold() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("zone", "eu-1");
        labels.put("database", "quote\" backslash\\ tab\t newline\n bell\u0007 \u00e9\u4e2d\ud83d\udc33");
        labels.put("a", "");
        String json = SeriesKey.of("db.size", labels).labelsJson();

        Map<String, String> read = new ObjectMapper().readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
        });
        assertThat(read).containsExactly(Map.entry("a", ""), Map.entry("database", labels.get("database")),
                Map.entry("zone", "eu-1"));
        assertThat(SeriesKey.of("db.size", null).labelsJson()).isEqualTo("{}");
        assertThat(SeriesKey.of("db.size", Map.of("b", "2", "a", "1")).labelsJson()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    }
}
