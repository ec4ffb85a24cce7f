package io.whalefall.platform.messaging;

/**
 * A message that cannot be applied yet but is expected to be soon, because it waits for another message (a
 * work item for an instance whose registration has not arrived, say). Not a failure: the inbox returns it to
 * its queue after the usual growing delay and logs the reason without a stack trace. The handler decides how
 * long to wait; past that it must apply or refuse the message, since the queue's delivery limit still counts.
 */
public class NotYetApplicableException extends RuntimeException {

    public NotYetApplicableException(String reason) {
        super(reason, null, false, false);
    }
}
