package io.whalefall.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.whalefall.contracts.aggregation.RunId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.whalefall.contracts.ContractSchemas.errors;
import static io.whalefall.contracts.JsonValues.normalised;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden example of every message type is valid against the published schemas and is exactly what the Java
 * records read and write, so the schemas, the examples and the records cannot drift apart.
 */
class GoldenExamplesTest {

    /** As strict as a reader can be: an unknown or misspelt field, or a null where Java needs a value, fails. */
    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void envelopeIsValidAndNamesItsType(MessageType type) {
        JsonNode example = ContractFiles.example(type);

        assertThat(errors(ContractSchemas.envelopeSchema(), example)).isEmpty();
        assertThat(example.path("type").asText()).isEqualTo(type.typeName());
        assertThat(example.path("version").asInt()).isEqualTo(MessageType.CURRENT_VERSION);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void payloadIsValidAgainstItsSchema(MessageType type) {
        JsonNode payload = ContractFiles.example(type).get("payload");

        assertThat(errors(ContractSchemas.payloadSchema(type), payload)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void payloadRoundTripsThroughItsRecord(MessageType type) throws JsonProcessingException {
        JsonNode payload = ContractFiles.example(type).get("payload");

        Object record = RECORDS.treeToValue(payload, type.payloadType());
        JsonNode written = RECORDS.valueToTree(record);

        assertThat(normalised(written)).isEqualTo(normalised(payload));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void envelopeRoundTripsThroughTheEnvelopeRecord(MessageType type) throws JsonProcessingException {
        JsonNode example = ContractFiles.example(type);
        JavaType envelopeType = RECORDS.getTypeFactory().constructParametricType(Envelope.class, type.payloadType());

        Envelope<?> envelope = RECORDS.treeToValue(example, envelopeType);

        assertThat(envelope.payload()).isInstanceOf(type.payloadType());
        assertThat(normalised(RECORDS.valueToTree(envelope))).isEqualTo(normalised(example));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void whatTheRecordWritesIsValidAgainstTheSchema(MessageType type) throws JsonProcessingException {
        Object record = RECORDS.treeToValue(ContractFiles.example(type).get("payload"), type.payloadType());

        assertThat(errors(ContractSchemas.payloadSchema(type), RECORDS.valueToTree(record))).isEmpty();
    }

    @Test
    void runMessagesCarryTheRunIdOfTheirRequestIdAndCorrelateByIt() {
        int withRunId = 0;
        for (MessageType type : MessageType.values()) {
            JsonNode example = ContractFiles.example(type);
            JsonNode payload = example.get("payload");
            if (!payload.hasNonNull("request_id")) {
                continue;
            }
            String requestId = payload.get("request_id").asText();
            assertThat(example.path("correlation_id").asText()).as("correlation_id of %s", type).isEqualTo(requestId);
            JsonNode runId = payload.has("run_id") ? payload.get("run_id") : payload.get("session_id");
            if (runId != null) {
                assertThat(runId.asText()).as("run id of %s", type).isEqualTo(RunId.forRequest(requestId).toString());
                withRunId++;
            }
        }
        assertThat(withRunId).as("examples that name a run and its request").isPositive();
    }
}
