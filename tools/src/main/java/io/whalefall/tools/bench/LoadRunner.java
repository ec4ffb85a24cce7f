package io.whalefall.tools.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an operation from N concurrent clients for a while and records every latency, once the system is
 * warm: the services' JIT compiles their hot paths during the first tens of seconds of a load (a freshly
 * started query-api served 1,190 list requests/s in its first 15 s and 2,190 in its third), and a
 * running service is measured in its steady state, not while it compiles.
 */
final class LoadRunner {

    /** A warm-up round; warm means a round's throughput within {@link #STEADY} of the round before. */
    private static final Duration ROUND = Duration.ofSeconds(5);
    private static final double STEADY = 0.10;
    /** Warm-up gives up after this long and measures anyway (the figure then includes the warm-up's tail). */
    private static final Duration MAX_WARMUP = Duration.ofSeconds(60);

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

    /**
     * {@link #run} for SQL baselines, on one connection per client: a request takes an idle connection and
     * gives it back, so there is always one for each of the {@code clients} concurrent requests. Each
     * connection first runs {@code setup} (session settings), unless it is null.
     */
    static Latencies onConnections(Database database, String setup, int clients, Duration duration,
            SqlOperation operation) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection connection = database.connect();
                connections.add(connection);
                if (setup != null) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(setup);
                    }
                }
            }
            BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(clients, false, connections);
            return run(clients, duration, random -> {
                Connection connection = idle.take();
                try {
                    operation.run(connection, random);
                } finally {
                    idle.add(connection);
                }
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Warms up (see the class comment), then runs {@code operation} from {@code clients} for {@code duration}. */
    static Latencies run(int clients, Duration duration, Operation operation) throws Exception {
        long start = System.nanoTime();
        double previous = measure(clients, ROUND, Duration.ZERO, operation).perSecond();
        while (System.nanoTime() - start < MAX_WARMUP.toNanos()) {
            double current = measure(clients, ROUND, Duration.ZERO, operation).perSecond();
            boolean steady = Math.abs(current - previous) <= STEADY * previous;
            previous = current;
            if (steady) {
                break;
            }
        }
        double warmup = (System.nanoTime() - start) / 1e9;
        // one more second before measuring: every client thread started and in its loop
        return measure(clients, duration, Duration.ofSeconds(1), operation).warmedUpFor(warmup);
    }

    private static Latencies measure(int clients, Duration duration, Duration warmup, Operation operation)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong errors = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
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
                        firstError.compareAndSet(null, e);
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
        Latencies latencies = Latencies.of(all, errors.get(), duration.toNanos() / 1e9);
        // a few failures are reported with the figures; a load that mostly fails measures nothing
        if (latencies.errors() > Math.max(10, latencies.count() / 100)) {
            throw new IllegalStateException(latencies.errors() + " of " + (latencies.count() + latencies.errors())
                    + " requests failed", firstError.get());
        }
        return latencies;
    }
}
