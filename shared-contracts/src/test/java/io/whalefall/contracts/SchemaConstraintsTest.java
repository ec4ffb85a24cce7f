package io.whalefall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.whalefall.contracts.ContractSchemas.errors;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schemas refuse what the services refuse, and accept the smallest message another system may send: a
 * publisher that validates against them is not surprised by a dead letter or a rejection for its shape.
 */
class SchemaConstraintsTest {

    private static final JsonSchema REQUEST = ContractSchemas.payloadSchema(MessageType.AGGREGATION_REQUESTED);
    private static final JsonSchema STATS = ContractSchemas.payloadSchema(MessageType.STATS_COLLECTED);
    private static final JsonSchema ENVELOPE = ContractSchemas.envelopeSchema();
    private static final JsonSchema POINTS = ContractSchemas.payloadSchema(MessageType.METRIC_POINTS_COLLECTED);
    private static final JsonSchema WINDOWS = ContractSchemas.payloadSchema(MessageType.METRIC_WINDOWS_UPDATED);
    private static final JsonSchema SESSION = ContractSchemas.payloadSchema(MessageType.SESSION_UPDATED);

    @Test
    void aRequestForAnUnknownPeriodTypeIsRefused() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.withArray("period_types").add("yearly");

        assertRefused(REQUEST, request, "period_types");
    }

    @Test
    void aRequestWithoutRequestIdIsRefused() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.remove("request_id");

        assertRefused(REQUEST, request, "request_id");
    }

    @Test
    void aRequestIdOf300CharactersIsRefused() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.put("request_id", "r".repeat(300));

        assertRefused(REQUEST, request, "request_id");
    }

    @Test
    void aBlankRequestIdIsRefused() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.put("request_id", "   ");

        assertRefused(REQUEST, request, "request_id");
    }

    @Test
    void aRequestIdOf200CharactersIsAccepted() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.put("request_id", "r".repeat(200));

        assertThat(errors(REQUEST, request)).isEmpty();
    }

    @Test
    void aRangeRequestWithoutItsLastDayIsRefused() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.putNull("to");

        assertRefused(REQUEST, request, "/to");
    }

    @Test
    void aRequestCannotAskForTheInternalRecomputeMode() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.put("mode", "recompute");

        assertRefused(REQUEST, request, "/mode");
    }

    @Test
    void aRequestWithAnImpossibleDateIsRefused() {
        ObjectNode request = payloadOf(MessageType.AGGREGATION_REQUESTED);
        request.put("to", "2026-10-32");

        assertRefused(REQUEST, request, "/to");
    }

    @Test
    void theSmallestRequestAnotherSystemMaySendIsAccepted() {
        JsonNode request = ContractFiles.parseJson("""
                {"request_id": "erp-current-2026-11-03", "trigger": "external", "requested_by": "erp-reporting",
                 "mode": "current"}
                """);

        assertThat(errors(REQUEST, request)).isEmpty();
    }

    @Test
    void aSampleWithANegativeSizeIsRefused() {
        ObjectNode batch = payloadOf(MessageType.STATS_COLLECTED);
        ((ObjectNode) batch.get("databases").get(0)).put("size_mb", -1);

        assertRefused(STATS, batch, "size_mb");
    }

    @Test
    void aSampleTimeWithoutOffsetIsRefused() {
        ObjectNode batch = payloadOf(MessageType.STATS_COLLECTED);
        ((ObjectNode) batch.get("instances").get(0)).put("collected_at", "2026-11-03T02:00:00");

        assertRefused(STATS, batch, "collected_at");
    }

    @Test
    void aBatchWithoutSamplesIsRefused() {
        ObjectNode batch = payloadOf(MessageType.STATS_COLLECTED);
        batch.putArray("databases");
        batch.putNull("instances");

        assertThat(errors(STATS, batch)).isNotEmpty();
    }

    @Test
    void aPointWithoutMetricIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        firstPoint(batch).remove("metric");

        assertRefused(POINTS, batch, "metric");
    }

    @Test
    void aMetricNameStartingWithADigitIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        firstPoint(batch).put("metric", "5xx_errors");

        assertRefused(POINTS, batch, "metric");
    }

    @Test
    void aLabelKeyWithASpaceIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        firstPoint(batch).with("labels").put("data base", "orders");

        assertRefused(POINTS, batch, "labels");
    }

    @Test
    void aLabelValueOf201CharactersIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        firstPoint(batch).with("labels").put("database", "d".repeat(201));

        assertRefused(POINTS, batch, "database");
    }

    @Test
    void twentyLabelsAreAcceptedAndTwentyOneRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        ObjectNode labels = firstPoint(batch).putObject("labels");
        for (int i = 1; i <= 20; i++) {
            labels.put("label_" + i, "v");
        }
        assertThat(errors(POINTS, batch)).isEmpty();

        labels.put("label_21", "v");
        assertRefused(POINTS, batch, "labels");
    }

    @Test
    void aPointWithoutLabelsNeedsAnEmptyObject() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        firstPoint(batch).putObject("labels");
        assertThat(errors(POINTS, batch)).isEmpty();

        firstPoint(batch).remove("labels");
        assertRefused(POINTS, batch, "labels");
    }

    @Test
    void aValueGivenAsAStringIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        firstPoint(batch).put("value", "42");

        assertRefused(POINTS, batch, "value");
    }

    @Test
    void aNonFiniteValueIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        // Jackson writes a Double NaN as the string "NaN": the one way a non-finite value reaches the wire
        firstPoint(batch).put("value", "NaN");

        assertRefused(POINTS, batch, "value");
    }

    @Test
    void aPointTimeWithoutOffsetIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        firstPoint(batch).put("timestamp", "2026-11-03T12:10:00");

        assertRefused(POINTS, batch, "timestamp");
    }

    @Test
    void aBatchWithoutPointsIsRefused() {
        ObjectNode batch = payloadOf(MessageType.METRIC_POINTS_COLLECTED);
        batch.putArray("points");

        assertRefused(POINTS, batch, "points");
    }

    @Test
    void aDeltaWhoseStartIsNotADateTimeIsRefused() {
        ObjectNode update = payloadOf(MessageType.METRIC_WINDOWS_UPDATED);
        firstMinute(update).put("window_start", "04:10");

        assertRefused(WINDOWS, update, "window_start");
    }

    @Test
    void aDeltaOfNoPointsIsRefused() {
        ObjectNode update = payloadOf(MessageType.METRIC_WINDOWS_UPDATED);
        firstMinute(update).put("count", 0);

        assertRefused(WINDOWS, update, "count");
    }

    @Test
    void aSeriesWithoutDeltasIsRefused() {
        ObjectNode update = payloadOf(MessageType.METRIC_WINDOWS_UPDATED);
        firstSeries(update).putArray("minutes");

        assertRefused(WINDOWS, update, "minutes");
    }

    @Test
    void histogramBoundsThatAreNotACommaSeparatedListOfNumbersAreRefused() {
        ObjectNode update = payloadOf(MessageType.METRIC_WINDOWS_UPDATED);
        firstSeries(update).put("histogram_bounds", "1, 2, five");

        assertRefused(WINDOWS, update, "histogram_bounds");
    }

    @Test
    void aStateThatIsNotBase64IsRefused() {
        ObjectNode update = payloadOf(MessageType.METRIC_WINDOWS_UPDATED);
        firstMinute(update).put("state", "not base64!");

        assertRefused(WINDOWS, update, "state");
    }

    @Test
    void aSessionSnapshotCountsARecordsPeriodsAndNeverListsThem() {
        // a snapshot is published on every change of a run: listing every period of every instance made it grow
        // with instances x periods, so the details stay in session-tracking's API
        ObjectNode session = payloadOf(MessageType.SESSION_UPDATED);
        firstRecord(session).putArray("sync_details").addObject().put("period_type", "daily")
                .put("period_start", "2026-10-05").put("period_end", "2026-10-05").put("database_rows", 2)
                .put("revision", 1).put("skipped", false);

        assertRefused(SESSION, session, "sync_details");
    }

    @Test
    void aSessionRecordWithoutItsSkippedPeriodCountIsRefused() {
        ObjectNode session = payloadOf(MessageType.SESSION_UPDATED);
        firstRecord(session).remove("periods_skipped");

        assertRefused(SESSION, session, "periods_skipped");
    }

    @Test
    void aNegativePeriodCountIsRefused() {
        ObjectNode session = payloadOf(MessageType.SESSION_UPDATED);
        firstRecord(session).put("periods", -1);

        assertRefused(SESSION, session, "periods");
    }

    @Test
    void anEnvelopeOfAnUnknownTypeIsRefused() {
        ObjectNode envelope = ContractFiles.example(MessageType.AGGREGATION_REQUESTED).deepCopy();
        envelope.put("type", "AggregationRequestedV2");

        assertRefused(ENVELOPE, envelope, "/type");
    }

    @Test
    void anEnvelopeOfANewerVersionIsRefused() {
        ObjectNode envelope = ContractFiles.example(MessageType.AGGREGATION_REQUESTED).deepCopy();
        envelope.put("version", MessageType.CURRENT_VERSION + 1);

        assertRefused(ENVELOPE, envelope, "/version");
    }

    @Test
    void anEnvelopeWithAMalformedMessageIdIsRefused() {
        ObjectNode envelope = ContractFiles.example(MessageType.AGGREGATION_REQUESTED).deepCopy();
        envelope.put("message_id", "42");

        assertRefused(ENVELOPE, envelope, "message_id");
    }

    private static ObjectNode payloadOf(MessageType type) {
        return ContractFiles.example(type).get("payload").deepCopy();
    }

    private static ObjectNode firstPoint(ObjectNode batch) {
        return (ObjectNode) batch.get("points").get(0);
    }

    private static ObjectNode firstRecord(ObjectNode session) {
        return (ObjectNode) session.get("records").get(0);
    }

    private static ObjectNode firstSeries(ObjectNode update) {
        return (ObjectNode) update.get("series").get(0);
    }

    private static ObjectNode firstMinute(ObjectNode update) {
        return (ObjectNode) firstSeries(update).get("minutes").get(0);
    }

    private static void assertRefused(JsonSchema schema, JsonNode json, String field) {
        List<String> errors = errors(schema, json);
        assertThat(errors).as("validation errors").isNotEmpty().anySatisfy(error -> assertThat(error).contains(field));
    }
}
