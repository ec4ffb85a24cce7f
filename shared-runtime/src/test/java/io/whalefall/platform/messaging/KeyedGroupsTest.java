package io.whalefall.platform.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Groups per key: every message applied exactly once, groups of one key only, growing with the backlog. */
class KeyedGroupsTest {

    @Test
    void aMessageAloneIsAppliedAtOnceByTheCallingThread() {
        List<List<String>> groups = new ArrayList<>();
        KeyedGroups keyed = new KeyedGroups(group -> {
            groups.add(bodies(group));
            return CompletableFuture.completedFuture(null);
        }, 8);

        CompletionStage<Void> outcome = keyed.submit("p0", message("a"));

        assertThat(outcome.toCompletableFuture()).isCompleted();
        assertThat(groups).containsExactly(List.of("a"));
    }

    @Test
    void underConcurrentLoadEveryMessageIsAppliedOnceInGroupsOfOneKeyAndTheGroupsGrow() throws Exception {
        int threads = 8;
        int perThread = 500;
        Set<String> applied = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger mixedGroups = new AtomicInteger();
        AtomicInteger groupCount = new AtomicInteger();
        KeyedGroups keyed = new KeyedGroups(group -> {
            groupCount.incrementAndGet();
            List<String> bodies = bodies(group);
            if (bodies.stream().map(body -> body.charAt(0)).distinct().count() > 1) {
                mixedGroups.incrementAndGet();
            }
            bodies.forEach(body -> {
                if (!applied.add(body)) {
                    duplicates.incrementAndGet();
                }
            });
            sleep(); // a group takes a while, as a transaction does: the others queue meanwhile
            return CompletableFuture.completedFuture(null);
        }, 8);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.execute(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    String key = Integer.toString(i % 4); // the key is each body's first character
                    outcomes.add(keyed.submit(key, message(key + "-" + thread + "-" + i)).toCompletableFuture());
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(applied).hasSize(threads * perThread);
        assertThat(duplicates).hasValue(0);
        assertThat(mixedGroups).hasValue(0);
        assertThat(groupCount.get()).isLessThan(threads * perThread);
    }

    @Test
    void whatQueuesWhileAGroupIsAppliedGoesNextInGroupsOfAtMostTheSize() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        KeyedGroups keyed = new KeyedGroups(group -> {
            groups.add(bodies(group));
            if (groups.size() == 1) {
                firstStarted.countDown();
                await(release);
            }
            return CompletableFuture.completedFuture(null);
        }, 8);
        ExecutorService first = Executors.newSingleThreadExecutor();
        CompletableFuture<CompletionStage<Void>> m0 = CompletableFuture.supplyAsync(
                () -> keyed.submit("p0", message("m0")), first);
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            queued.add(keyed.submit("p0", message("m" + i)).toCompletableFuture());
        }
        CompletionStage<Void> otherKey = keyed.submit("p1", message("n0"));
        assertThat(queued).allSatisfy(outcome -> assertThat(outcome).isNotDone());
        assertThat(otherKey.toCompletableFuture()).isCompleted(); // another key does not wait
        release.countDown();
        m0.get(10, TimeUnit.SECONDS).toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.shutdown();

        assertThat(queued).allSatisfy(outcome -> assertThat(outcome).isCompleted());
        assertThat(groups).containsExactly(List.of("m0"), List.of("n0"),
                List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"), List.of("m9"));
    }

    @Test
    void aGroupThatFailsFailsTheOutcomeOfEachOfItsMessagesAndTheNextGroupsStillRun() {
        AtomicInteger calls = new AtomicInteger();
        KeyedGroups keyed = new KeyedGroups(group -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database gone");
            }
            return CompletableFuture.completedFuture(null);
        }, 8);

        assertThat(keyed.submit("p0", message("a")).toCompletableFuture()).isCompletedExceptionally();
        assertThat(keyed.submit("p0", message("b")).toCompletableFuture()).isCompleted()
                .isNotCompletedExceptionally();
        assertThatThrownBy(() -> new KeyedGroups(group -> null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Message<byte[]> message(String body) {
        return Message.of(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> bodies(List<Message<byte[]>> group) {
        return group.stream().map(m -> new String(m.getPayload(), StandardCharsets.UTF_8)).toList();
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
