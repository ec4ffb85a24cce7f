package io.whalefall.sessions.tracking;

/** A cancellation that cannot be done in the session's current state; the message says why. */
public class CancellationRefusedException extends RuntimeException {

    public CancellationRefusedException(String message) {
        super(message);
    }
}
