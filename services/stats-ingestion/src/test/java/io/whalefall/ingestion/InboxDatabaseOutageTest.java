package io.whalefall.ingestion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.whalefall.ingestion.Fixtures.databaseSample;
import static io.whalefall.ingestion.Fixtures.registerInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message that arrives while the database does not answer is held until it answers again, not spent
 * against the queue's delivery limit: an outage longer than the retry backoff's way to the limit (about
 * three minutes with the default delays, here shortened to well under a second) must not dead-letter it.
 */
@QuarkusTest
@TestProfile(InboxDatabaseOutageTest.FastRetries.class)
@IngestionTestResource
class InboxDatabaseOutageTest {

    private static final String DLQ = "stats-ingestion.stats-collected.dlq";

    /** Retry delays short enough that ten deliveries would be spent within the first seconds of the outage. */
    public static class FastRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a short acquisition timeout too: a failed delivery then takes milliseconds, as with a stopped server
            return Map.of("whalefall.messaging.inbox.retry-base-delay", "10ms",
                    "whalefall.messaging.inbox.retry-max-delay", "20ms",
                    "quarkus.datasource.jdbc.acquisition-timeout", "250ms",
                    "whalefall.messaging.inbox.outage-check-interval", "200ms");
        }
    }

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Test
    void aBatchPublishedWhileTheDatabaseIsDownIsStoredWhenItIsBackAndNotDeadLettered() throws Exception {
        long id = registerInstance();
        ObjectNode message = TestBus.envelope("StatsCollected", Map.of("databases", List.of(
                databaseSample(id, "orders", 700, "2026-11-20T10:00:00+08:00"))));
        try (TestBus bus = new TestBus(infrastructure.virtualHost())) {
            databaseReachable(false);
            try {
                bus.publish("whalefall.commands", "stats.collected", message);
                await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> bus.depth(DLQ) == 0);
            } finally {
                databaseReachable(true);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> samples(id) == 1);
            assertThat(bus.depth(DLQ)).as("messages dead-lettered").isZero();
        }
    }

    /** The service's role may (not) log in, and its open connections are cut: to the service, the database is down. */
    private void databaseReachable(boolean reachable) throws Exception {
        String role = infrastructure.role("ingestion");
        try (Connection admin = infrastructure.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("ALTER ROLE " + role + (reachable ? " LOGIN" : " NOLOGIN"));
            if (!reachable) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
            }
        }
    }

    private long samples(long instanceId) throws Exception {
        try (Connection admin = infrastructure.adminConnection();
                PreparedStatement select = admin.prepareStatement(
                        "SELECT count(*) FROM ingestion.database_size_sample WHERE instance_id = ?")) {
            select.setLong(1, instanceId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
