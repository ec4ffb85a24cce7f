package io.whalefall.platform.messaging;

/**
 * Why a message was dead-lettered, as a short code fit for a metric tag: the human-readable reason
 * (header {@link DeadLetters#REASON}) names the field or value and so has no bound on its variety.
 */
public enum DeadLetterReason {
    /** The body is not a readable envelope (not JSON, no message id, an unsupported version ...). */
    MALFORMED("malformed"),
    /** A readable envelope of a type this service has no handler for. */
    UNKNOWN_TYPE("unknown_type"),
    /** A known type whose payload does not decode or that the handler refused as invalid. */
    INVALID("invalid");

    private final String tag;

    DeadLetterReason(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code reason} tag of the dead-letter counter. */
    public String tag() {
        return tag;
    }
}
