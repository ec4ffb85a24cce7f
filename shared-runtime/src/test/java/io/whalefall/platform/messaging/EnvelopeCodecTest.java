package io.whalefall.platform.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationCancelRequested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCodecTest {

    /** Configured as Quarkus configures its mapper: ISO dates, unknown properties tolerated. */
    private final EnvelopeCodec codec = new EnvelopeCodec(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), new Config());

    @Test
    void anEncodedEnvelopeDecodesToTheSameMessage() {
        UUID runId = UUID.randomUUID();
        Envelope<Object> sent = codec.envelope(new OutgoingMessage(MessageType.AGGREGATION_CANCEL_REQUESTED,
                new AggregationCancelRequested(runId, "ops", "maintenance \"window\" ✓"), "flow-1", "cause-1"));

        IncomingEnvelope raw = codec.decode(bytes(codec.encode(sent)));
        Envelope<AggregationCancelRequested> received = codec.typed(raw, AggregationCancelRequested.class);

        assertThat(received.messageId()).isEqualTo(sent.messageId());
        assertThat(received.type()).isEqualTo("AggregationCancelRequested");
        assertThat(received.source()).isEqualTo("tests");
        assertThat(received.correlationId()).isEqualTo("flow-1");
        assertThat(received.causationId()).isEqualTo("cause-1");
        assertThat(received.occurredAt()).isEqualTo(sent.occurredAt());
        assertThat(received.payload()).isEqualTo(new AggregationCancelRequested(runId, "ops", "maintenance \"window\" ✓"));
        assertThat(codec.tree(raw).payload().path("requested_by").asText()).isEqualTo("ops");
    }

    @Test
    void thePayloadMayComeBeforeTheHeaderAndUnknownFieldsAreTolerated() {
        String body = "{\"payload\":{\"run_id\":\"" + UUID.randomUUID() + "\",\"requested_by\":\"x\",\"extra\":[1,{\"a\":2}]},"
                + "\"future\":{\"x\":1},\"type\":\"AggregationCancelRequested\",\"version\":1,"
                + "\"message_id\":\"" + UUID.randomUUID() + "\"}";
        IncomingEnvelope raw = codec.decode(bytes(body));
        assertThat(codec.typed(raw, AggregationCancelRequested.class).payload().requestedBy()).isEqualTo("x");
        assertThat(raw.occurredAt()).isNull();
    }

    @Test
    void malformedEnvelopesAreRefusedWithAPreciseReason() {
        String id = UUID.randomUUID().toString();
        assertReason("{not json", "body is not valid JSON");
        assertReason("[1,2]", "body is not a JSON object");
        assertReason("{\"type\":\"X\",\"version\":1,\"payload\":{}}", "message_id is missing");
        assertReason("{\"message_id\":\"nope\",\"type\":\"X\",\"version\":1,\"payload\":{}}", "message_id is not a UUID");
        assertReason("{\"message_id\":\"" + id + "\",\"version\":1,\"payload\":{}}", "type is missing");
        int unknown = MessageType.CURRENT_VERSION + 1;
        assertReason("{\"message_id\":\"" + id + "\",\"type\":\"X\",\"version\":" + unknown + ",\"payload\":{}}",
                "version " + unknown + " is not supported");
        assertReason("{\"message_id\":\"" + id + "\",\"type\":\"X\",\"version\":1,\"payload\":[]}", "payload is missing or not an object");
        assertReason("{\"message_id\":\"" + id + "\",\"type\":\"X\",\"version\":1}", "payload is missing or not an object");
        assertReason("{\"message_id\":\"" + id + "\",\"type\":\"X\",\"version\":1,\"payload\":{}} trailing",
                "body is not valid JSON");
        assertReason("{\"message_id\":\"" + id + "\",\"type\":\"X\",\"version\":1,\"payload\":{},\"occurred_at\":\"today\"}",
                "occurred_at is not an ISO-8601 instant");
    }

    @Test
    void aPayloadThatDoesNotMatchItsRecordIsRefusedNamingTheProblem() {
        IncomingEnvelope raw = codec.decode(bytes("{\"message_id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"AggregationCancelRequested\",\"version\":1,\"payload\":{\"run_id\":\"not-a-uuid\"}}"));
        assertThatThrownBy(() -> codec.typed(raw, AggregationCancelRequested.class))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("payload does not match AggregationCancelRequested");
        JsonNode tree = codec.tree(raw).payload();
        assertThat(tree.path("run_id").asText()).isEqualTo("not-a-uuid");
    }

    private void assertReason(String body, String reason) {
        assertThatThrownBy(() -> codec.decode(bytes(body))).as(body)
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining(reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The defaults, with "tests" as source. */
    private static final class Config implements MessagingConfig {
        @Override
        public String source() {
            return "tests";
        }

        @Override
        public Optional<String> replica() {
            return Optional.of("test");
        }

        @Override
        public Outbox outbox() {
            throw new UnsupportedOperationException("the codec does not read outbox settings");
        }

        @Override
        public Inbox inbox() {
            throw new UnsupportedOperationException("the codec does not read inbox settings");
        }
    }
}
