package io.whalefall.platform.messaging;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;

import java.util.Objects;

/**
 * A message a service wants published, with its place in the flow: the correlation id every message of
 * one business flow shares, and the id of the message that caused it.
 *
 * @param type          its type (fixes the exchange, and the routing key unless {@code routingKey} is given)
 * @param payload       its payload record
 * @param correlationId the flow it belongs to
 * @param causationId   the message that caused it, null for a flow's first message
 * @param routingKey    the type's routing key, or a sub-key of it (a partition's, see {@link #routedTo})
 */
public record OutgoingMessage(MessageType type, Object payload, String correlationId, String causationId,
        String routingKey) {

    public OutgoingMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type.typeName() + " needs a " + type.payloadType().getSimpleName()
                    + " payload, not " + payload.getClass().getSimpleName());
        }
        if (routingKey == null) {
            routingKey = type.routingKey();
        } else if (!routingKey.equals(type.routingKey()) && !routingKey.startsWith(type.routingKey() + ".")) {
            // a queue bound to the type's key and its sub-keys must see every message of the type
            throw new IllegalArgumentException(type.typeName() + " goes with routing key " + type.routingKey()
                    + " or a sub-key of it, not " + routingKey);
        }
    }

    /** A message with its type's routing key. */
    public OutgoingMessage(MessageType type, Object payload, String correlationId, String causationId) {
        this(type, payload, correlationId, causationId, null);
    }

    /** The first message of a flow. */
    public static OutgoingMessage of(MessageType type, Object payload, String correlationId) {
        return new OutgoingMessage(type, payload, correlationId, null);
    }

    /** A message caused by {@code cause}, in the same flow. */
    public static OutgoingMessage causedBy(Envelope<?> cause, MessageType type, Object payload) {
        return new OutgoingMessage(type, payload, cause.correlationId(), cause.messageId().toString());
    }

    /** This message with routing key {@code key}: the type's key or a sub-key of it. */
    public OutgoingMessage routedTo(String key) {
        return new OutgoingMessage(type, payload, correlationId, causationId, key);
    }
}
