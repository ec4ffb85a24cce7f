package io.whalefall.platform.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Applies a channel's messages in groups per key (with {@link Inbox#processBatch}, say), without ever waiting for
 * a group to fill: a message that arrives while a group of its key is being applied is queued, and goes with
 * everything else of its key that arrived meanwhile (up to {@code maxGroupSize}) as soon as that group ends.
 * Lightly loaded, every message is applied at once, alone; under load, the groups grow with the backlog.
 * Different keys are applied side by side.
 *
 * <p>The thread that finds its key idle applies the queued groups one after the other until none is left
 * (flat combining); the threads that queue meanwhile return at once, with the outcome of their message to come.
 * Call it from worker threads: the group's work runs on them.
 */
public final class KeyedGroups {

    private final Function<List<Message<byte[]>>, CompletionStage<Void>> applyGroup;
    private final int maxGroupSize;
    private final ConcurrentMap<Object, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param applyGroup   applies a group on the calling thread; its stage completes once every message of
     *                     the group has been acknowledged (or rejected)
     * @param maxGroupSize most messages in a group
     */
    public KeyedGroups(Function<List<Message<byte[]>>, CompletionStage<Void>> applyGroup, int maxGroupSize) {
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("a group holds at least one message, got " + maxGroupSize);
        }
        this.applyGroup = applyGroup;
        this.maxGroupSize = maxGroupSize;
    }

    /** Applies {@code message} with the other messages of {@code key}; completes when it has been applied. */
    public CompletionStage<Void> submit(Object key, Message<byte[]> message) {
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
        Queued queued = new Queued(message, new CompletableFuture<>());
        lane.queue.add(queued);
        lane.drain();
        return queued.outcome();
    }

    private record Queued(Message<byte[]> message, CompletableFuture<Void> outcome) {
    }

    /** The messages of one key: those waiting, and whether a thread is applying a group of them. */
    private final class Lane {

        private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean applying = new AtomicBoolean();

        /**
         * Applies group after group while messages wait, unless another thread already does. The queue is
         * looked at again after letting go, so a message queued just before that is never left behind.
         */
        void drain() {
            while (!queue.isEmpty() && applying.compareAndSet(false, true)) {
                try {
                    List<Queued> group = new ArrayList<>(maxGroupSize);
                    for (Queued next; group.size() < maxGroupSize && (next = queue.poll()) != null; ) {
                        group.add(next);
                    }
                    if (!group.isEmpty()) {
                        apply(group);
                    }
                } finally {
                    applying.set(false);
                }
            }
        }

        private void apply(List<Queued> group) {
            CompletionStage<Void> applied;
            try {
                applied = applyGroup.apply(group.stream().map(Queued::message).toList());
            } catch (RuntimeException e) {
                applied = CompletableFuture.failedFuture(e);
            }
            applied.whenComplete((done, failure) -> group.forEach(queued -> {
                if (failure == null) {
                    queued.outcome().complete(null);
                } else {
                    queued.outcome().completeExceptionally(failure);
                }
            }));
        }
    }
}
