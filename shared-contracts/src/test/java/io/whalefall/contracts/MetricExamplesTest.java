package io.whalefall.contracts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric golden examples tell one coherent story a reader can check by hand: the collected points are the
 * ingested ones, and the window deltas they made are named by the documented series id, start on whole
 * minutes and count every ingested point once.
 */
class MetricExamplesTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private static final JsonNode COLLECTED = ContractFiles.example(MessageType.METRIC_POINTS_COLLECTED);
    private static final JsonNode INGESTED = ContractFiles.example(MessageType.METRIC_POINTS_INGESTED);
    private static final JsonNode UPDATED = ContractFiles.example(MessageType.METRIC_WINDOWS_UPDATED);

    @Test
    void theIngestedPointsAreTheCollectedOnesInUtc() {
        List<String> collected = pointKeys(COLLECTED.at("/payload/points"));
        List<String> ingested = pointKeys(INGESTED.at("/payload/points"));

        assertThat(ingested).containsExactlyElementsOf(collected);
        INGESTED.at("/payload/points").forEach(point ->
                assertThat(point.path("timestamp").asText()).as("ingested timestamp").endsWith("Z"));
    }

    @Test
    void theWindowsEventIsCausedByTheIngestedEventAndSharesItsBatch() {
        assertThat(UPDATED.path("causation_id").asText()).isEqualTo(INGESTED.path("message_id").asText());
        assertThat(UPDATED.path("correlation_id").asText()).isEqualTo(INGESTED.at("/payload/batch_id").asText());
        assertThat(INGESTED.path("correlation_id").asText()).isEqualTo(INGESTED.at("/payload/batch_id").asText());
    }

    @Test
    void everySeriesIsNamedByTheDocumentedIdAndAppearsOnce() {
        assertThat(series()).isNotEmpty().allSatisfy(series -> assertThat(series.path("series_id").asText())
                .isEqualTo(SeriesIds.of(series.path("metric").asText(), labels(series)).toString()));
        assertThat(series()).extracting(series -> series.path("series_id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void everyDeltaStartsOnAWholeMinuteOnceForItsSeries() {
        for (JsonNode series : series()) {
            List<String> starts = new ArrayList<>();
            series.path("minutes").forEach(minute -> {
                Instant start = Instant.parse(minute.path("window_start").asText());
                assertThat(start.getEpochSecond() % 60).as("offset of %s", start).isZero();
                starts.add(start.toString());
            });
            assertThat(starts).isNotEmpty().doesNotHaveDuplicates();
        }
    }

    @Test
    void theDeltasCountEveryIngestedPointOnceInItsSeriesAndMinute() {
        Map<String, Long> ingested = new HashMap<>();
        for (JsonNode point : INGESTED.at("/payload/points")) {
            String series = SeriesIds.of(point.path("metric").asText(), labels(point)).toString();
            long second = Instant.parse(point.path("timestamp").asText()).getEpochSecond();
            ingested.merge(series + " @ " + Instant.ofEpochSecond(second - Math.floorMod(second, 60)), 1L, Long::sum);
        }
        Map<String, Long> announced = new HashMap<>();
        for (JsonNode series : series()) {
            series.path("minutes").forEach(minute -> announced.put(series.path("series_id").asText() + " @ "
                    + Instant.parse(minute.path("window_start").asText()), minute.path("count").asLong()));
        }
        assertThat(announced).isEqualTo(ingested);
    }

    @Test
    void histogramBoundsAreStrictlyAscending() {
        assertThat(series()).allSatisfy(series -> {
            List<BigDecimal> bounds = Arrays.stream(series.path("histogram_bounds").asText().split(","))
                    .map(BigDecimal::new).toList();
            assertThat(bounds).isSortedAccordingTo(BigDecimal::compareTo).doesNotHaveDuplicates();
        });
    }

    private static List<JsonNode> series() {
        List<JsonNode> series = new ArrayList<>();
        UPDATED.at("/payload/series").forEach(series::add);
        return series;
    }

    /** A point as series, instant and value, so an offset and its UTC form compare equal. */
    private static List<String> pointKeys(JsonNode points) {
        List<String> keys = new ArrayList<>();
        points.forEach(point -> keys.add(SeriesIds.canonical(point.path("metric").asText(), labels(point)) + " @ "
                + OffsetDateTime.parse(point.path("timestamp").asText()).toInstant() + " = "
                + point.path("value").decimalValue().stripTrailingZeros().toPlainString()));
        return keys;
    }

    private static Map<String, String> labels(JsonNode node) {
        return JSON.convertValue(node.path("labels"), LABELS);
    }
}
