package io.whalefall.windows;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesKeyCacheTest {

    @Test
    void givesTheKeySeriesKeyMakesWhateverTheLabelOrder() {
        SeriesKeyCache cache = new SeriesKeyCache(100);
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("instance", "1");
        ab.put("database", "orders");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("database", "orders");
        ba.put("instance", "1");

        SeriesKey first = cache.of("db.size", ab);
        assertThat(first).isEqualTo(SeriesKey.of("db.size", ab));
        assertThat(first.id()).isEqualTo(SeriesKey.of("db.size", ab).id());
        assertThat(cache.of("db.size", ba)).isSameAs(first);
        assertThat(cache.of("db.size", null).canonical()).isEqualTo("db.size{}");
        assertThat(cache.of("db.size", Map.of()).canonical()).isEqualTo("db.size{}");
        assertThat(cache.of("db.rows", ab).canonical()).isEqualTo("db.rows{database=\"orders\",instance=\"1\"}");
    }

    @Test
    void aLabelMapChangedAfterTheCallDoesNotChangeWhatTheCacheAnswers() {
        SeriesKeyCache cache = new SeriesKeyCache(100);
        Map<String, String> labels = new HashMap<>(Map.of("instance", "1"));
        SeriesKey one = cache.of("db.size", labels);

        labels.put("instance", "2");

        assertThat(cache.of("db.size", labels).canonical()).isEqualTo("db.size{instance=\"2\"}");
        assertThat(cache.of("db.size", Map.of("instance", "1"))).isEqualTo(one);
    }

    @Test
    void moreSeriesThanItKeepsStillGetTheirOwnKeys() {
        SeriesKeyCache cache = new SeriesKeyCache(10);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1_000; i++) {
                Map<String, String> labels = Map.of("instance", "i-" + i);
                assertThat(cache.of("db.size", labels).id()).isEqualTo(SeriesKey.of("db.size", labels).id());
            }
        }
    }
}
