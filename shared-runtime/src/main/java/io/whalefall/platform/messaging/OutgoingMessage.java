package io.whalefall.platform.messaging;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;

import java.util.Objects;

/**
 * A message a service wants published, with its place in the flow: the correlation id every message of
 * one business flow shares, and the id of the message that caused it.
 *
 * @param type          its type (fixes the exchange and routing key)
 * @param payload       its payload record
 * @param correlationId the flow it belongs to
 * @param causationId   the message that caused it, null for a flow's first message
 */
public record OutgoingMessage(MessageType type, Object payload, String correlationId, String causationId) {

    public OutgoingMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type.typeName() + " needs a " + type.payloadType().getSimpleName()
                    + " payload, not " + payload.getClass().getSimpleName());
        }
    }

    /** The first message of a flow. */
    public static OutgoingMessage of(MessageType type, Object payload, String correlationId) {
        return new OutgoingMessage(type, payload, correlationId, null);
    }

    /** A message caused by {@code cause}, in the same flow. */
    public static OutgoingMessage causedBy(Envelope<?> cause, MessageType type, Object payload) {
        return new OutgoingMessage(type, payload, cause.correlationId(), cause.messageId().toString());
    }
}
