package io.whalefall.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.testing.SystemUnderTest;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as a newcomer runs it: four separate service processes on the real PostgreSQL and
 * RabbitMQ. Data posted to stats-ingestion comes back, aggregated, from query-api after a manual trigger,
 * with a completed session; the bus keeps its promises (one run per request, dead letters with reasons).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("whalefall.repository.root", "..")).toAbsolutePath().normalize();

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> ENDED = List.of("completed", "failed", "cancelled");

    private TestInfrastructure infrastructure;
    private SystemUnderTest services;
    private TestBus bus;
    private String lifecycle;
    private final List<TestBus.Received> seen = new ArrayList<>();

    @BeforeAll
    void startTheSystem() throws Exception {
        infrastructure = TestInfrastructure.create("ingestion", "aggregation", "sessions", "query");
        services = new SystemUnderTest(infrastructure, REPOSITORY,
                REPOSITORY.resolve("e2e-tests/target/e2e-logs"), "256m")
                .startAll();
        bus = new TestBus(infrastructure.virtualHost());
        lifecycle = bus.tap("whalefall.events", "aggregation.*");
    }

    @AfterAll
    void stopTheSystem() {
        if (bus != null) {
            bus.close();
        }
        if (services != null) {
            services.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void postedSamplesComeBackAggregatedFromTheQueryApiAfterAManualTrigger() throws Exception {
        long orders = registerInstance("orders-primary", "mysql");
        long analytics = registerInstance("analytics", "postgresql");
        // two samples of "sales" today, one of "users"; and one database on the second instance
        ZonedDateTime midnight = LocalDate.now(ZONE).atStartOfDay(ZONE);
        String t1 = midnight.toOffsetDateTime().toString();
        String t2 = midnight.plusSeconds(1).toOffsetDateTime().toString();
        as("collector", "stats-ingestion").body(Map.of("databases", List.of(
                        sample(orders, "sales", 1000, t1), sample(orders, "sales", 1100, t2),
                        sample(orders, "users", 300, t1), sample(analytics, "events", 50, t1))))
                .post("/api/v1/capacity/stats").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> aggregationRows("database_day", List.of(orders, analytics)) == 3);

        Response trigger = as("admin", "query-api").body(Map.of("period_type", "daily", "scope", "instance",
                "instance_ids", List.of(orders, analytics))).post("/api/v1/capacity/aggregations/current");
        assertThat(trigger.statusCode()).isEqualTo(202);
        String sessionId = trigger.path("data.result.session.id");
        assertThat(sessionId).isNotBlank();

        awaitCompleted(sessionId);
        Response session = as("viewer", "session-tracking")
                .get("/api/v1/sync-sessions/" + sessionId + "/sync-details");
        assertThat(session.<Integer>path("data.total_instances")).isEqualTo(2);
        assertThat(session.<Integer>path("data.successful_instances")).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> as("viewer", "query-api")
                .get("/api/v1/capacity/databases?period_type=daily&instance_id=" + orders)
                .<Integer>path("data.total") == 2);
        Response databases = as("viewer", "query-api")
                .get("/api/v1/capacity/databases?period_type=daily&instance_id=" + orders);
        assertThat(databases.<Boolean>path("success")).isTrue();
        List<Map<String, Object>> items = databases.path("data.items");
        Map<String, Object> sales = items.stream().filter(i -> "sales".equals(i.get("database_name"))).findFirst()
                .orElseThrow();
        assertThat(sales).containsEntry("avg_size_mb", 1050).containsEntry("max_size_mb", 1100)
                .containsEntry("min_size_mb", 1000).containsEntry("data_count", 2)
                .containsEntry("period_start", LocalDate.now(ZONE).toString());
        assertThat(((Map<?, ?>) sales.get("instance")).get("name")).isEqualTo("orders-primary");
        assertThat(items).filteredOn(i -> "users".equals(i.get("database_name")))
                .singleElement().satisfies(i -> assertThat(i).containsEntry("avg_size_mb", 300));

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(
                as("viewer", "query-api").get("/api/v1/sync-sessions/" + sessionId).path("data.status")));
    }

    @Test
    void theSameRequestDeliveredTwiceMakesOneRun() {
        long id = registerInstance("twice", "mysql");
        String requestId = "e2e-twice-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("request_id", requestId, "trigger", "external", "requested_by", "e2e",
                "scope", Map.of("instance_ids", List.of(id)), "period_types", List.of("daily"), "mode", "current",
                "force", false);
        bus.publish("whalefall.commands", "aggregation.requested", TestBus.envelope("AggregationRequested", request));
        bus.publish("whalefall.commands", "aggregation.requested", TestBus.envelope("AggregationRequested", request));
        String sessionId = RunId.forRequest(requestId).toString();

        awaitCompleted(sessionId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> ofRun(sessionId) != null);
        assertThat(ofRun(sessionId)).filteredOn(e -> e.type().equals("AggregationStarted")).hasSize(1);
        assertThat(ofRun(sessionId)).filteredOn(e -> e.type().equals("AggregationFinished")).hasSize(1);
        assertThat(as("viewer", "session-tracking").get("/api/v1/sync-sessions/" + sessionId + "/sync-details")
                .<Integer>path("data.total_instances")).isEqualTo(1);
    }

    @Test
    void aMalformedMessageLandsInTheDeadLetterQueueAndTheNextGoodOneIsProcessed() {
        long id = registerInstance("after-poison", "mysql");
        bus.publishRaw("whalefall.commands", "aggregation.requested",
                "{\"message_id\": \"not-a-uuid\", \"type\": ".getBytes(StandardCharsets.UTF_8), "poison-1",
                "AggregationRequested");
        String requestId = "e2e-after-poison-" + UUID.randomUUID();
        ObjectNode good = TestBus.envelope("AggregationRequested", Map.of("request_id", requestId, "trigger", "external",
                "scope", Map.of("instance_ids", List.of(id)), "period_types", List.of("daily"), "mode", "current",
                "force", false));
        bus.publish("whalefall.commands", "aggregation.requested", good);

        String sessionId = RunId.forRequest(requestId).toString();
        awaitCompleted(sessionId);
        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            dead.addAll(bus.drainRaw("period-aggregation.requests.dlq"));
            return !dead.isEmpty();
        });
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.header("x-whalefall-dead-letter-reason")).contains("not valid JSON");
            assertThat(message.header("x-whalefall-rejected-by")).isEqualTo("period-aggregation");
            assertThat(message.body()).startsWith("{\"message_id\": \"not-a-uuid\"");
        });
    }

    @Test
    void aRequestInFlightWhenTheServiceIsToldToStopStillCompletes() throws Exception {
        long instance = registerInstance("draining", "mysql");
        String collectedAt = LocalDate.now(ZONE).atStartOfDay(ZONE).toOffsetDateTime().toString();
        byte[] body = new ObjectMapper().writeValueAsBytes(
                Map.of("databases", List.of(sample(instance, "orders", 700, collectedAt))));
        SystemUnderTest.Instance replica = services.addReplica("stats-ingestion");
        try (Socket socket = new Socket("127.0.0.1", replica.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String credentials = Base64.getEncoder()
                    .encodeToString("collector:collector".getBytes(StandardCharsets.UTF_8));
            out.write(("POST /api/v1/capacity/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Basic " + credentials + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int half = body.length / 2;
            out.write(body, 0, half);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> activeRequests(replica) == 1);

            replica.process().destroy(); // SIGTERM, as Kubernetes stops a pod
            // the service waits for the request in flight
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(replica.process()::isAlive);
            out.write(body, half, body.length - half);
            out.flush();

            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 202");
        } finally {
            assertThat(replica.process().waitFor(30, TimeUnit.SECONDS)).as("the service then stops").isTrue();
            services.removeReplica("stats-ingestion");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> aggregationRows("database_day", List.of(instance)) == 1);
    }

    /** Requests the process is handling on its API port, as its management interface reports them. */
    private static double activeRequests(SystemUnderTest.Instance instance) {
        String metrics = given().get(instance.managementUrl() + "/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher gauge = Pattern.compile("(?m)^http_server_active_requests\\{server_port=\"" + instance.port()
                + "\"[^}]*} (\\S+)$").matcher(metrics);
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : 0;
    }

    /**
     * Registers an instance and waits until period-aggregation holds its copy (it travels as
     * {@code InstanceUpserted}), so that a request naming it starts at once instead of waiting for it.
     */
    private long registerInstance(String name, String dbType) {
        long id = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        as("collector", "stats-ingestion").body(Map.of("name", name, "db_type", dbType, "host", "10.9.9.9",
                "port", 3306)).put("/api/v1/instances/" + id).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> aggregationRows("instance", List.of(id)) == 1);
        return id;
    }

    /** Waits for the session to end and fails with its own reason, not a timeout, when it did not complete. */
    private void awaitCompleted(String sessionId) {
        Response ended = await().atMost(Duration.ofSeconds(60)).until(
                () -> as("viewer", "session-tracking").get("/api/v1/sync-sessions/" + sessionId + "/sync-details"),
                response -> ENDED.contains(String.valueOf(response.<String>path("data.status"))));
        assertThat(ended.<String>path("data.status"))
                .as("session %s ended with: %s", sessionId, ended.<String>path("data.error_message"))
                .isEqualTo("completed");
    }

    private static Map<String, Object> sample(long instanceId, String database, long sizeMb, String collectedAt) {
        return Map.of("instance_id", instanceId, "database_name", database, "size_mb", sizeMb,
                "data_size_mb", sizeMb * 9 / 10, "log_size_mb", sizeMb / 10, "collected_at", collectedAt);
    }

    private RequestSpecification as(String user, String service) {
        return given().baseUri(services.url(service)).auth().preemptive().basic(user, user)
                .contentType("application/json");
    }

    /** Rows of period-aggregation's {@code table} for the instances (read as the database superuser). */
    private long aggregationRows(String table, List<Long> instanceIds) throws Exception {
        try (Connection connection = infrastructure.adminConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM aggregation." + table + " WHERE instance_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("bigint", instanceIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<TestBus.Received> ofRun(String runId) {
        seen.addAll(bus.drain(lifecycle));
        return seen.stream().filter(e -> e.payload().path("run_id").asText().equals(runId)).toList();
    }
}
