package io.whalefall.platform.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Turns envelopes into JSON bytes and back, telling malformed messages apart by a precise reason. */
@ApplicationScoped
public class EnvelopeCodec {

    private final ObjectMapper mapper;
    private final MessagingConfig config;

    public EnvelopeCodec(ObjectMapper mapper, MessagingConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    /** Wraps an outgoing message in a new envelope stamped with this service as source. */
    public Envelope<Object> envelope(OutgoingMessage message) {
        return new Envelope<>(UUID.randomUUID(), message.type().typeName(), MessageType.CURRENT_VERSION, Instant.now(),
                config.source(), message.correlationId(), message.causationId(), message.payload());
    }

    /** Serialises an envelope to UTF-8 JSON. */
    public String encode(Envelope<?> envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + envelope.type() + " " + envelope.messageId(), e);
        }
    }

    /**
     * Reads the envelope of a message in one streaming pass, leaving the payload unparsed.
     *
     * @throws PoisonMessageException when the bytes are not an envelope
     */
    public IncomingEnvelope decode(byte[] body) {
        Header header = new Header();
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PoisonMessageException("body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("payload".equals(field)) {
                    if (value != JsonToken.START_OBJECT) {
                        throw new PoisonMessageException("payload is missing or not an object");
                    }
                    header.payloadStart = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    header.payloadEnd = (int) parser.currentLocation().getByteOffset();
                } else if (value.isScalarValue()) {
                    header.read(field, value == JsonToken.VALUE_NULL ? null : parser.getValueAsString());
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new PoisonMessageException("body has content after the envelope");
            }
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonMessageException("body cannot be read: " + e.getMessage());
        }
        return header.envelope(body);
    }

    /**
     * Binds the payload to its record.
     *
     * @throws PoisonMessageException when the payload does not match the record
     */
    public <P> Envelope<P> typed(IncomingEnvelope raw, Class<P> payloadType) {
        try {
            P payload = mapper.readerFor(payloadType)
                    .readValue(raw.body(), raw.payloadStart(), raw.payloadEnd() - raw.payloadStart());
            return envelope(raw, payload);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("payload does not match " + raw.type() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonMessageException("payload cannot be read: " + e.getMessage());
        }
    }

    /** The payload as a JSON tree, for handlers that inspect a payload their record could not bind. */
    public Envelope<JsonNode> tree(IncomingEnvelope raw) {
        try {
            return envelope(raw, mapper.readTree(new ByteArrayInputStream(raw.body(), raw.payloadStart(),
                    raw.payloadEnd() - raw.payloadStart())));
        } catch (IOException e) {
            throw new PoisonMessageException("payload cannot be read: " + e.getMessage());
        }
    }

    private static <P> Envelope<P> envelope(IncomingEnvelope raw, P payload) {
        return new Envelope<>(raw.messageId(), raw.type(), raw.version(), raw.occurredAt(), raw.source(),
                raw.correlationId(), raw.causationId(), payload);
    }

    /** The scalar fields of an envelope as the parser meets them, checked once the object ends. */
    private static final class Header {
        private String messageId;
        private String type;
        private String version;
        private String occurredAt;
        private String source;
        private String correlationId;
        private String causationId;
        private int payloadStart = -1;
        private int payloadEnd;

        void read(String field, String value) {
            switch (field) {
                case "message_id" -> messageId = value;
                case "type" -> type = value;
                case "version" -> version = value;
                case "occurred_at" -> occurredAt = value;
                case "source" -> source = value;
                case "correlation_id" -> correlationId = value;
                case "causation_id" -> causationId = value;
                default -> {
                    // unknown envelope fields are tolerated (a newer producer may add some)
                }
            }
        }

        IncomingEnvelope envelope(byte[] body) {
            UUID id = uuid();
            if (type == null || type.isBlank()) {
                throw new PoisonMessageException("type is missing");
            }
            int parsedVersion = parseVersion();
            if (payloadStart < 0) {
                throw new PoisonMessageException("payload is missing or not an object");
            }
            return new IncomingEnvelope(id, type, parsedVersion, instant(), source, correlationId, causationId, body,
                    payloadStart, payloadEnd);
        }

        private UUID uuid() {
            if (messageId == null || messageId.isBlank()) {
                throw new PoisonMessageException("message_id is missing");
            }
            try {
                return UUID.fromString(messageId);
            } catch (IllegalArgumentException e) {
                throw new PoisonMessageException("message_id is not a UUID: " + messageId);
            }
        }

        private int parseVersion() {
            int parsed;
            try {
                parsed = version == null ? 0 : Integer.parseInt(version);
            } catch (NumberFormatException e) {
                parsed = 0;
            }
            if (parsed < 1 || parsed > MessageType.CURRENT_VERSION) {
                throw new PoisonMessageException("version " + version + " is not supported (this service reads 1.."
                        + MessageType.CURRENT_VERSION + ")");
            }
            return parsed;
        }

        private Instant instant() {
            if (occurredAt == null) {
                return null;
            }
            try {
                return Instant.parse(occurredAt);
            } catch (DateTimeParseException e) {
                throw new PoisonMessageException("occurred_at is not an ISO-8601 instant: " + occurredAt);
            }
        }
    }
}
