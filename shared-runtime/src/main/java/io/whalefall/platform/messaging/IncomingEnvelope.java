package io.whalefall.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * A received envelope whose header has been read and whose payload is still raw JSON: the payload is bound
 * straight from the message bytes into its record once the handler (and so the record type) is known, so
 * no intermediate tree is built.
 *
 * @param messageId     the message id
 * @param type          the message type name
 * @param version       the payload schema version
 * @param occurredAt    when it happened, if given
 * @param source        the producer, if given
 * @param correlationId the flow, if given
 * @param causationId   the causing message, if given
 * @param body          the whole message
 * @param payloadStart  offset of the payload object in {@code body}
 * @param payloadEnd    offset just past it
 */
public record IncomingEnvelope(
        UUID messageId,
        String type,
        int version,
        Instant occurredAt,
        String source,
        String correlationId,
        String causationId,
        byte[] body,
        int payloadStart,
        int payloadEnd) {
}
