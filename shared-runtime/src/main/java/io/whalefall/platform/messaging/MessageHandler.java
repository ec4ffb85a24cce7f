package io.whalefall.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;

/**
 * Applies one type of incoming message. Implementations are CDI beans; the {@link Inbox} finds them by
 * {@link #type()} and calls them inside the transaction that also records the message as processed, so
 * a redelivered message is never applied twice.
 *
 * @param <P> the payload record
 */
public interface MessageHandler<P> {

    /** The message type this handler applies. */
    MessageType type();

    /**
     * Applies the message. Runs inside the inbox transaction.
     *
     * @throws PoisonMessageException when the message can never be applied; it is dead-lettered
     */
    void handle(Envelope<P> message);

    /**
     * Called, inside the inbox transaction, when the envelope is sound but its payload does not match
     * the schema. The default dead-letters the message; a handler may instead report the problem.
     */
    default void handleUndecodable(Envelope<JsonNode> message, String reason) {
        throw new PoisonMessageException(reason);
    }
}
