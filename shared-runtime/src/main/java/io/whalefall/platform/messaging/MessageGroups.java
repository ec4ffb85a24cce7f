package io.whalefall.platform.messaging;

import io.smallrye.mutiny.Multi;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;

/** Groups a channel's messages for {@link Inbox#processBatch}. */
public final class MessageGroups {

    private MessageGroups() {
    }

    /**
     * What arrives within {@code wait}, up to {@code size} messages, as one group. The buffer after the
     * grouping takes every group at once, so that a group closed by the timer never waits for demand (which
     * would fail the stream, quarkus#20951); it holds at most as many groups as the channel's
     * {@code max-outstanding-messages}, since each group has at least one unacknowledged message.
     */
    public static Multi<Message<List<Message<byte[]>>>> of(Multi<Message<byte[]>> messages, int size, Duration wait) {
        return messages.group().intoLists().of(size, wait)
                .onOverflow().bufferUnconditionally()
                .map(Message::of);
    }
}
