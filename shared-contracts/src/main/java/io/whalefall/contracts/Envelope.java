package io.whalefall.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every message on the bus travels in (DESIGN §3).
 *
 * @param messageId     unique id of this message; consumers deduplicate on it
 * @param type          the message type name, one of {@link MessageType#typeName()}
 * @param version       payload schema version
 * @param occurredAt    when the fact happened or the command was issued
 * @param source        the service or system that produced the message
 * @param correlationId id shared by every message of one business flow (for a run: its request id)
 * @param causationId   message id of the message that caused this one, if any
 * @param payload       the typed payload
 * @param <P>           payload type
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Envelope<P>(
        UUID messageId,
        String type,
        int version,
        Instant occurredAt,
        String source,
        String correlationId,
        String causationId,
        P payload) {
}
