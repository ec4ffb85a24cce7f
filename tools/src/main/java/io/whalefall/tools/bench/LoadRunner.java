package io.whalefall.tools.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Runs an operation from N concurrent clients for a while and records every latency. */
final class LoadRunner {

    /** One request; throws on failure. The random source lets each call vary its parameters. */
    @FunctionalInterface
    interface Operation {
        void run(ThreadLocalRandom random) throws Exception;
    }

    /** One SQL request on the client's own connection. */
    @FunctionalInterface
    interface SqlOperation {
        void run(Connection connection, ThreadLocalRandom random) throws Exception;
    }

    private LoadRunner() {
    }

    /** {@link #run} for SQL baselines: each client holds one connection of its own for the whole run. */
    static Latencies onConnections(Database database, int clients, Duration duration, Duration warmup,
            SqlOperation operation) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connections.add(database.connect());
            }
            ThreadLocal<Connection> mine = new ThreadLocal<>();
            AtomicInteger next = new AtomicInteger();
            return run(clients, duration, warmup, random -> {
                if (mine.get() == null) {
                    mine.set(connections.get(next.getAndIncrement()));
                }
                operation.run(mine.get(), random);
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    static Latencies run(int clients, Duration duration, Duration warmup, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong errors = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup.toNanos();
        long end = warmEnd + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        operation.run(random);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= warmEnd) {
                        if (n == latencies.length) {
                            latencies = java.util.Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = t1 - t0;
                    }
                }
                return java.util.Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        pool.shutdown();
        return Latencies.of(all, errors.get(), duration.toNanos() / 1e9);
    }
}
