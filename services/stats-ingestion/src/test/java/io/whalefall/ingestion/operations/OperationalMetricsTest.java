package io.whalefall.ingestion.operations;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.ingestion.IngestionTestResource;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operational metrics the alerts of deploy/k8s are built on, as Prometheus scrapes them: dead letters
 * counted by queue and reason code, and the outbox backlog with the age of its oldest row.
 */
@QuarkusTest
@IngestionTestResource
class OperationalMetricsTest {

    /** /q/metrics on the management interface (under its root path, /q). */
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private static final String QUEUE = "stats-ingestion.stats-collected";
    private static final String DEAD_LETTERED = "whalefall_messages_dead_lettered_total";
    private static final String BACKLOG = "whalefall_outbox_backlog_messages";
    private static final String OLDEST_AGE = "whalefall_outbox_oldest_age_seconds";

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    TestBus bus;

    @BeforeEach
    void connect() {
        bus = new TestBus(infrastructure.virtualHost());
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void everyDeadLetterIsCountedByQueueAndReasonCode() {
        double malformed = deadLettered("malformed");
        double unknownType = deadLettered("unknown_type");
        double invalid = deadLettered("invalid");

        bus.publishRaw("whalefall.commands", "stats.collected", "{not json".getBytes(StandardCharsets.UTF_8),
                "broken-metrics-1", "StatsCollected");
        bus.publish("whalefall.commands", "stats.collected", TestBus.envelope("NoSuchType", Map.of("a", 1)));
        bus.publish("whalefall.commands", "stats.collected", TestBus.envelope("StatsCollected",
                Map.of("databases", List.of(Map.of("instance_id", 1, "database_name", "x")))));

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            dead.addAll(bus.drainRaw(QUEUE + ".dlq"));
            return dead.size() >= 3;
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(deadLettered("malformed")).isGreaterThanOrEqualTo(malformed + 1);
            assertThat(deadLettered("unknown_type")).isGreaterThanOrEqualTo(unknownType + 1);
            assertThat(deadLettered("invalid")).isGreaterThanOrEqualTo(invalid + 1);
        });
    }

    @Test
    void aRowTheRelayCannotPublishShowsAsBacklogWithItsAgeUntilItIsPublished() throws Exception {
        try (Connection admin = infrastructure.adminConnection()) {
            holdUnpublishedRow(admin, Duration.ofMinutes(10));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(metrics);
                assertThat(scrape.value(BACKLOG)).isGreaterThanOrEqualTo(1);
                assertThat(scrape.value(OLDEST_AGE)).isGreaterThanOrEqualTo(600);
            });

            admin.rollback(); // releases the row lock: the relay publishes and deletes the row
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(metrics);
                assertThat(scrape.value(BACKLOG)).isZero();
                assertThat(scrape.value(OLDEST_AGE)).isZero();
            });
        }
    }

    /**
     * Writes an outbox row created {@code age} ago and locks it, so that the relay (which skips locked rows)
     * leaves it waiting while the gauges, which only read, still see it. The relay may take the row between the
     * insert and the lock; then another one is written.
     */
    private static void holdUnpublishedRow(Connection admin, Duration age) throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            admin.setAutoCommit(true);
            long id;
            try (PreparedStatement insert = admin.prepareStatement("""
                    INSERT INTO ingestion.outbox_message
                        (message_id, destination, routing_key, message_type, body, created_at)
                    VALUES (gen_random_uuid(), 'EVENTS', 'test.backlog-probe', 'BacklogProbe', '{}',
                            now() - make_interval(secs => ?))
                    RETURNING id
                    """)) {
                insert.setLong(1, age.toSeconds());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            admin.setAutoCommit(false);
            try (PreparedStatement lock = admin.prepareStatement(
                    "SELECT id FROM ingestion.outbox_message WHERE id = ? FOR UPDATE NOWAIT")) {
                lock.setLong(1, id);
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            } catch (SQLException lockedByTheRelay) {
                // the relay is publishing it right now
            }
            admin.rollback();
        }
        throw new IllegalStateException("the relay published every probe row before it could be locked");
    }

    private double deadLettered(String reason) {
        return Scrape.of(metrics).valueOr(DEAD_LETTERED, Map.of("queue", QUEUE, "reason", reason), 0);
    }

    /** One scrape of /q/metrics in the Prometheus text format. */
    private record Scrape(String text) {

        /** Scrapes {@code metrics} (the management interface's /q/metrics), as Prometheus would. */
        static Scrape of(URL metrics) {
            return new Scrape(given().get(metrics).then().statusCode(200).extract().asString());
        }

        /** The value of the unlabelled sample {@code name}; fails when it is missing. */
        double value(String name) {
            Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(text);
            assertThat(sample.find()).as("%s in /q/metrics", name).isTrue();
            return Double.parseDouble(sample.group(1));
        }

        /** The value of the sample {@code name} with (at least) {@code labels}, or {@code absent}. */
        double valueOr(String name, Map<String, String> labels, double absent) {
            Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(text);
            while (sample.find()) {
                String found = sample.group(1);
                if (labels.entrySet().stream().allMatch(l -> found.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                    return Double.parseDouble(sample.group(2));
                }
            }
            return absent;
        }
    }
}
