package io.whalefall.platform.messaging;

import io.whalefall.contracts.Envelope;

import java.util.List;

/**
 * A handler that can also apply several messages of its type together, in one transaction and with a few
 * set-based statements instead of a few per message. {@link Inbox#processBatch} uses it; a message that
 * arrives alone still goes through {@link #handle}.
 *
 * @param <P> the payload record
 */
public interface BatchMessageHandler<P> extends MessageHandler<P> {

    /**
     * Applies the messages, with the same effect on the service's state as handling them one by one. Runs
     * inside the inbox transaction, which also records them as processed.
     *
     * @throws PoisonMessageException when one of them can never be applied: the inbox then rolls the batch
     *                                back and handles each message on its own, which dead-letters that one
     */
    void handleAll(List<Envelope<P>> messages);

    @Override
    default void handle(Envelope<P> message) {
        handleAll(List.of(message));
    }
}
