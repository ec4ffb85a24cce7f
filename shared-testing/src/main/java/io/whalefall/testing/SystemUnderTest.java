package io.whalefall.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * The packaged services, each a separate JVM on a free port, pointed at one {@link TestInfrastructure}
 * (each service with its own role and schema) in the production profile with configured credentials.
 * Used by the end-to-end tests and the benchmark. Logs go to {@code <logDirectory>/<service>[-n].log}.
 */
public final class SystemUnderTest implements AutoCloseable {

    /** Users of the production profile: admin/admin, viewer/viewer, collector/collector (bcrypt). */
    public static final String USERS = "admin:admin:$2a$10$FxzhnORJBABSnY5BzEaXUexVkkNj3maOsiX0eVcOArhtak/eDEe8C,"
            + "viewer:viewer:$2a$10$YkOL1yaHhkLQUckt5k/DpugynnQdoe6czJA6Dg1piLvEhpaSiUOt.,"
            + "collector:collector:$2a$10$gkW7Z4kNJBiukD4La6YGbOE22UsbGPQ6Gt5e6Dk.EOXDE1bH9Rici";

    /** Service name → schema it owns, in start order. */
    public static final Map<String, String> SCHEMAS = schemas();

    /** The services' HTTP ports are taken from here (see {@link #freePort()}). */
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_000;
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(
            ThreadLocalRandom.current().nextInt(LAST_PORT - FIRST_PORT));

    private final TestInfrastructure infrastructure;
    private final Path repositoryRoot;
    private final Path logDirectory;
    private final String heap;
    private final Map<String, List<Instance>> running = new LinkedHashMap<>();

    /** One running process of a service: its API on {@code port}, health and metrics on {@code managementPort}. */
    public record Instance(String service, String replica, Process process, int port, int managementPort) {
        /** Base URL of this process's API. */
        public String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Base URL of this process's management interface (/q/health, /q/metrics, /q/openapi). */
        public String managementUrl() {
            return "http://127.0.0.1:" + managementPort;
        }
    }

    /**
     * @param infrastructure where the services keep their data
     * @param repositoryRoot the repository, whose services/NAME/target/quarkus-app holds the packaged apps
     * @param logDirectory   where each process writes its log
     * @param heap           the -Xmx of each process, e.g. "256m"
     */
    public SystemUnderTest(TestInfrastructure infrastructure, Path repositoryRoot, Path logDirectory, String heap) {
        this.infrastructure = infrastructure;
        this.repositoryRoot = repositoryRoot;
        this.logDirectory = logDirectory;
        this.heap = heap;
    }

    /** Starts one process of every service and waits until each reports ready. */
    public SystemUnderTest startAll() {
        try {
            List<Instance> started = new ArrayList<>();
            for (String service : SCHEMAS.keySet()) {
                started.add(launch(service));
            }
            started.forEach(this::awaitReady);
            return this;
        } catch (RuntimeException e) {
            // the caller never gets this object to close: stop what did start, or it outlives the run
            close();
            throw e;
        }
    }

    /** Starts one more process of {@code service} (a replica) and waits until it is ready. */
    public Instance addReplica(String service) {
        Instance instance = launch(service);
        awaitReady(instance);
        return instance;
    }

    /** Stops the newest replica of {@code service} (SIGTERM, then SIGKILL after 15 s); the first one stays. */
    public void removeReplica(String service) {
        List<Instance> replicas = instances(service);
        if (replicas.size() < 2) {
            throw new IllegalStateException(service + " has no extra replica to stop");
        }
        stop(replicas.remove(replicas.size() - 1));
    }

    /**
     * SIGKILLs the first process of {@code service} (no shutdown hook runs: in-flight requests, transactions
     * and unacknowledged messages are cut off as in a crash), then starts it again on the same ports and
     * waits until it is ready.
     */
    public Instance killAndRestart(String service) {
        List<Instance> replicas = instances(service);
        Instance killed = replicas.get(0);
        killed.process().destroyForcibly();
        try {
            killed.process().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + killed.replica(), e);
        }
        // the restarted process continues the log of the killed one
        Instance restarted = start(service, killed.replica(), killed.port(), killed.managementPort(),
                ProcessBuilder.Redirect.appendTo(log(killed.replica())));
        replicas.set(0, restarted);
        awaitReady(restarted);
        return restarted;
    }

    /** Base URL of the first process of a service. */
    public String url(String service) {
        return instances(service).get(0).url();
    }

    /** The running processes of a service. */
    public List<Instance> instances(String service) {
        return running.getOrDefault(service, List.of());
    }

    /** Every running process. */
    public List<Instance> all() {
        return running.values().stream().flatMap(List::stream).toList();
    }

    private Instance launch(String service) {
        List<Instance> replicas = running.computeIfAbsent(service, s -> new ArrayList<>());
        String replica = replicas.isEmpty() ? service : service + "-" + (replicas.size() + 1);
        int port;
        int managementPort;
        try {
            port = freePort();
            managementPort = freePort();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + replica, e);
        }
        Instance instance = start(service, replica, port, managementPort, ProcessBuilder.Redirect.to(log(replica)));
        replicas.add(instance);
        return instance;
    }

    /**
     * Starts a process of {@code service} named {@code replica} with its API on {@code port} and its management
     * interface on {@code managementPort}, writing its output to {@code log}.
     */
    private Instance start(String service, String replica, int port, int managementPort, ProcessBuilder.Redirect log) {
        Path jar = repositoryRoot.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        try {
            Files.createDirectories(logDirectory);
            String schema = SCHEMAS.get(service);
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
            if (Boolean.getBoolean("whalefall.profile")) {
                // -Dwhalefall.profile=true: a flight recording per process, for finding where time goes
                command.add("-XX:StartFlightRecording=filename=" + logDirectory.resolve(replica + ".jfr")
                        + ",settings=profile,dumponexit=true");
            }
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log);
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.jdbcUrl(schema));
            env.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.role(schema));
            env.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.role(schema));
            env.put("RABBITMQ_HOST", TestInfrastructure.rabbitHost());
            env.put("RABBITMQ_PORT", String.valueOf(TestInfrastructure.rabbitPort()));
            env.put("RABBITMQ_VIRTUAL_HOST", infrastructure.virtualHost());
            env.put("WHALEFALL_SECURITY_USERS", USERS);
            env.put("WHALEFALL_MESSAGING_REPLICA", replica);
            env.put("WHALEFALL_SESSION_ENCRYPTION_KEY", "test-only-session-encryption-key-0123456789");
            return new Instance(service, replica, builder.start(), port, managementPort);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + replica, e);
        }
    }

    private File log(String replica) {
        return logDirectory.resolve(replica + ".log").toFile();
    }

    private void awaitReady(Instance instance) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!instance.process().isAlive()) {
                throw new IllegalStateException(instance.replica() + " exited; see "
                        + logDirectory.resolve(instance.replica() + ".log"));
            }
            try {
                return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stops every process (SIGTERM, then SIGKILL after 15 s). */
    @Override
    public void close() {
        // every process is asked first, so that they shut down side by side rather than one after another
        all().forEach(instance -> instance.process().destroy());
        all().forEach(SystemUnderTest::stop);
        running.clear();
    }

    private static void stop(Instance instance) {
        instance.process().destroy();
        try {
            if (!instance.process().waitFor(15, TimeUnit.SECONDS)) {
                instance.process().destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instance.process().destroyForcibly();
        }
    }

    private static Map<String, String> schemas() {
        Map<String, String> schemas = new LinkedHashMap<>();
        schemas.put("stats-ingestion", "ingestion");
        schemas.put("period-aggregation", "aggregation");
        schemas.put("session-tracking", "sessions");
        schemas.put("query-api", "query");
        return schemas;
    }

    /**
     * A port below the kernel's ephemeral range (32768-60999 on Linux): a port from that range, free when
     * checked, can become the local end of any outgoing connection (to PostgreSQL, RabbitMQ) before the
     * service binds it, and the service then fails to start. Ports are tried from a random point on.
     */
    private static int freePort() throws IOException {
        int span = LAST_PORT - FIRST_PORT;
        for (int attempt = 0; attempt < span; attempt++) {
            int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), span);
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // in use: try the next one
            }
        }
        throw new IOException("no free port between " + FIRST_PORT + " and " + LAST_PORT);
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
