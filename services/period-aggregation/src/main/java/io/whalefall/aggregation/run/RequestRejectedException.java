package io.whalefall.aggregation.run;

/** A request that is refused before any work starts; reported as a failed session. */
public class RequestRejectedException extends RuntimeException {

    public RequestRejectedException(String reason) {
        super(reason);
    }
}
