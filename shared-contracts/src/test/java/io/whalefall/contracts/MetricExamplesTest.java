package io.whalefall.contracts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The metric golden examples tell one coherent story a reader can check by hand: the collected points are the
 * ingested ones, and the windows they changed are named by the documented series id, aligned to their resolution,
 * nested minute in hour in day, with summary figures that agree with each other.
 */
class MetricExamplesTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final Map<String, Duration> RESOLUTIONS = Map.of(
            "1m", Duration.ofMinutes(1), "1h", Duration.ofHours(1), "1d", Duration.ofDays(1));

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
    void everyWindowNamesItsSeriesByTheDocumentedId() {
        assertThat(windows()).isNotEmpty().allSatisfy(window -> assertThat(window.path("series_id").asText())
                .isEqualTo(SeriesIds.of(window.path("metric").asText(), labels(window)).toString()));
    }

    @Test
    void everyWindowStartsOnAnEpochAlignedBoundaryOfItsResolution() {
        assertThat(windows()).allSatisfy(window -> {
            Instant start = Instant.parse(window.path("window_start").asText());
            Duration size = RESOLUTIONS.get(window.path("resolution").asText());
            assertThat(start.getEpochSecond() % size.toSeconds()).as("offset of %s", window.path("window_start"))
                    .isZero();
        });
    }

    @Test
    void everyIngestedPointHasItsMinuteHourAndDayWindowInTheEvent() {
        for (JsonNode point : INGESTED.at("/payload/points")) {
            String series = SeriesIds.of(point.path("metric").asText(), labels(point)).toString();
            Instant at = Instant.parse(point.path("timestamp").asText());
            RESOLUTIONS.forEach((resolution, size) -> {
                Instant start = Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), size.toSeconds()) * size.toSeconds());
                assertThat(windows()).as("%s window of %s at %s", resolution, series, at).anySatisfy(window -> {
                    assertThat(window.path("series_id").asText()).isEqualTo(series);
                    assertThat(window.path("resolution").asText()).isEqualTo(resolution);
                    assertThat(Instant.parse(window.path("window_start").asText())).isEqualTo(start);
                });
            });
        }
    }

    @Test
    void theSummaryFiguresOfEveryWindowAgree() {
        assertThat(windows()).allSatisfy(window -> {
            double min = window.path("min").asDouble();
            double max = window.path("max").asDouble();
            double mean = window.path("mean").asDouble();
            long count = window.path("count").asLong();
            assertThat(min).isLessThanOrEqualTo(mean);
            assertThat(mean).isLessThanOrEqualTo(max);
            assertThat(mean * count).isCloseTo(window.path("sum").asDouble(), within(1e-9 * Math.abs(mean * count)));
        });
    }

    @Test
    void coarserWindowsOfASeriesHoldAtLeastThePointsOfTheFinerOnes() {
        for (JsonNode minute : windowsOf("1m")) {
            for (String coarser : List.of("1h", "1d")) {
                JsonNode parent = windowsOf(coarser).stream()
                        .filter(w -> w.path("series_id").equals(minute.path("series_id"))).findFirst().orElseThrow();
                assertThat(parent.path("count").asLong()).isGreaterThanOrEqualTo(minute.path("count").asLong());
                assertThat(parent.path("revision").asLong()).isGreaterThanOrEqualTo(minute.path("revision").asLong());
                assertThat(parent.path("min").asDouble()).isLessThanOrEqualTo(minute.path("min").asDouble());
                assertThat(parent.path("max").asDouble()).isGreaterThanOrEqualTo(minute.path("max").asDouble());
            }
        }
    }

    @Test
    void histogramBoundsAreStrictlyAscending() {
        assertThat(windows()).allSatisfy(window -> {
            List<BigDecimal> bounds = Arrays.stream(window.path("histogram_bounds").asText().split(","))
                    .map(BigDecimal::new).toList();
            assertThat(bounds).isSortedAccordingTo(BigDecimal::compareTo).doesNotHaveDuplicates();
        });
    }

    private static List<JsonNode> windows() {
        List<JsonNode> windows = new ArrayList<>();
        UPDATED.at("/payload/windows").forEach(windows::add);
        return windows;
    }

    private static List<JsonNode> windowsOf(String resolution) {
        return windows().stream().filter(w -> w.path("resolution").asText().equals(resolution)).toList();
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
