package io.whalefall.platform.messaging;

/**
 * A message that can never be processed, whatever the retries: malformed, of an unknown type, or
 * refused by business validation. The inbox dead-letters it with this exception's message as reason.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
