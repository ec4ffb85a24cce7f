package io.whalefall.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.testing.CapacityDataGenerator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Loads demo data into a running system the way collectors and operators would: registers instances,
 * posts four months of generated samples to stats-ingestion, then asks query-api for a backfill of every
 * period type and waits for its session to complete.
 *
 * <p>Usage: {@code DemoData [ingestion-url] [query-url] [sessions-url] [rabbitmq-management-url]}
 */
public final class DemoData {

    private static final int DAYS = 120;
    private static final int BATCH = 2_000;

    private DemoData() {
    }

    public static void main(String[] args) {
        String ingestion = arg(args, 0, "http://127.0.0.1:8081");
        String query = arg(args, 1, "http://127.0.0.1:8080");
        String sessions = arg(args, 2, "http://127.0.0.1:8083");
        String management = arg(args, 3, "http://127.0.0.1:15672");
        LocalDate today = LocalDate.now(ZoneId.of(System.getenv().getOrDefault("WHALEFALL_AGGREGATION_ZONE",
                "Asia/Shanghai")));
        LocalDate start = today.minusDays(DAYS - 1);
        CapacityDataGenerator generator = new CapacityDataGenerator(new CapacityDataGenerator.Settings(2026, 1, 8, 14,
                start, DAYS, 0.05, 0.1, 0.5));
        Http collector = new Http("collector", "collector");
        Http admin = new Http("admin", "admin");

        for (CapacityDataGenerator.InstanceSpec instance : generator.instances()) {
            collector.send("PUT", ingestion + "/api/v1/instances/" + instance.id(), Map.of("name", instance.name(),
                    "db_type", instance.dbType(), "host", "10.20.0." + instance.id(), "port", 3306,
                    "is_active", true, "capacity_mb", 1_000_000));
        }
        System.out.printf("Registered %d instances%n", generator.instances().size());

        List<DatabaseSizeSample> databases = new ArrayList<>();
        List<InstanceSizeSample> instances = new ArrayList<>();
        int[] posted = {0};
        Instant now = Instant.now();
        generator.generate((day, db, inst) -> {
            db.stream().filter(s -> !s.collectedAt().toInstant().isAfter(now)).forEach(databases::add);
            inst.stream().filter(s -> !s.collectedAt().toInstant().isAfter(now)).forEach(instances::add);
            if (databases.size() >= BATCH) {
                posted[0] += post(collector, ingestion, databases, instances);
            }
        });
        posted[0] += post(collector, ingestion, databases, instances);
        System.out.printf("Posted %d samples covering %s .. %s%n", posted[0], start, today);

        awaitQueueDrained(management, "period-aggregation.facts");
        JsonNode answer = admin.send("POST", query + "/api/v1/capacity/aggregations/backfill", Map.of(
                "period_types", List.of("daily", "weekly", "monthly", "quarterly"), "from", start.toString(),
                "to", today.toString(), "scope", "all", "force", true));
        String sessionId = answer.path("data").path("result").path("session").path("id").asText();
        System.out.printf("Backfill requested: session %s%n", sessionId);
        awaitSession(admin, sessions, sessionId);
    }

    private static int post(Http collector, String ingestion, List<DatabaseSizeSample> databases,
            List<InstanceSizeSample> instances) {
        int count = databases.size() + instances.size();
        if (count > 0) {
            collector.send("POST", ingestion + "/api/v1/capacity/stats",
                    Map.of("databases", List.copyOf(databases), "instances", List.copyOf(instances)));
        }
        databases.clear();
        instances.clear();
        return count;
    }

    /** Waits until period-aggregation has folded every posted sample into its daily states. */
    private static void awaitQueueDrained(String management, String queue) {
        Http guest = new Http("guest", "guest");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .during(Duration.ofSeconds(2))
                .until(() -> guest.get(management + "/api/queues/%2F/" + queue).path("messages").asLong(1) == 0);
    }

    private static void awaitSession(Http admin, String sessions, String sessionId) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode session = admin.get(sessions + "/api/v1/sync-sessions/" + sessionId + "/sync-details").path("data");
            String status = session.path("status").asText();
            System.out.printf("  session %s: %s, %s%% (%d of %d instances done)%n", sessionId, status,
                    session.path("progress").asText("0"), session.path("successful_instances").asInt()
                            + session.path("skipped_instances").asInt() + session.path("failed_instances").asInt(),
                    session.path("total_instances").asInt());
            return List.of("completed", "failed", "cancelled").contains(status);
        });
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
