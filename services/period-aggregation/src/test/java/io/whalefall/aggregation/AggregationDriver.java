package io.whalefall.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.AggregationRequested;
import io.whalefall.contracts.aggregation.AggregationScope;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.aggregation.TrendDirection;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.contracts.stats.StatsIngested;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.testing.TestBus;

import java.lang.reflect.RecordComponent;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Drives period-aggregation the way the other services do, through the bus: instance and sample events
 * in, aggregation requests in; and reads what it stored and the periods it published.
 */
final class AggregationDriver {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 100);

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    private final TestBus bus;
    private final Jdbc jdbc;
    /** Receives every PeriodCompleted and AggregationFinished published from the driver's creation on. */
    private final String published;
    /** The newest revision published of each (instance, period type, period start). */
    private final Map<String, PeriodCompleted> periods = new HashMap<>();
    private final Set<UUID> finishedRuns = new HashSet<>();

    AggregationDriver(TestBus bus, AgroalDataSource dataSource) {
        this.bus = bus;
        this.jdbc = new Jdbc(dataSource);
        this.published = bus.tap("whalefall.events", "aggregation.period-completed", "aggregation.finished");
    }

    static long newInstanceId() {
        return IDS.incrementAndGet();
    }

    /** Registers an instance and waits until the service knows it. */
    long instance(String name, boolean active) {
        long id = newInstanceId();
        awaitProcessed(announce(id, name, active));
        return id;
    }

    /** Publishes an instance's InstanceUpserted without waiting; returns the message id. */
    String announce(long id, String name, boolean active) {
        return publish("whalefall.events", "instance.upserted", "InstanceUpserted",
                new InstanceUpserted(id, name, "mysql", "10.0.0.1", 3306, active, null, 1, Instant.now()));
    }

    /** Feeds newly ingested samples and waits until they are in the daily states. */
    void samples(List<DatabaseSizeSample> databases, List<InstanceSizeSample> instances) {
        List<String> messageIds = new ArrayList<>();
        int size = 2000;
        for (int from = 0; from < Math.max(databases.size(), 1); from += size) {
            List<DatabaseSizeSample> part = databases.subList(from, Math.min(from + size, databases.size()));
            List<InstanceSizeSample> instancePart = from == 0 ? instances : List.of();
            messageIds.add(publish("whalefall.events", "stats.ingested", "StatsIngested",
                    new StatsIngested(UUID.randomUUID(), 1, 1, DatabaseSampleColumns.of(part),
                            InstanceSampleColumns.of(instancePart), Instant.now())));
        }
        messageIds.forEach(this::awaitProcessed);
    }

    /** Asks for a range aggregation and returns the run id. */
    UUID requestRange(List<Long> instanceIds, List<PeriodType> types, LocalDate from, LocalDate to, boolean force) {
        return request(new AggregationRequested(UUID.randomUUID().toString(), Trigger.EXTERNAL, "tests",
                new AggregationScope(instanceIds), types, AggregationMode.RANGE, from, to, force));
    }

    /** Publishes a request and returns its run id. */
    UUID request(AggregationRequested request) {
        publish("whalefall.commands", "aggregation.requested", "AggregationRequested", request);
        return RunId.forRequest(request.requestId());
    }

    /** Waits until the run has ended (or was rejected) and returns its status. */
    String awaitRunEnded(UUID runId) {
        String[] status = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> rows = rows("SELECT status FROM run WHERE run_id = ?", runId);
            status[0] = rows.isEmpty() ? null : (String) rows.get(0).get("status");
            return status[0] != null && !"running".equals(status[0]);
        });
        if (!"rejected".equals(status[0])) {
            // the run's AggregationFinished is published after the PeriodCompleted events of all its items
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                readPublished();
                return finishedRuns.contains(runId);
            });
        }
        return status[0];
    }

    String publish(String exchange, String routingKey, String type, Object payload) {
        ObjectNode envelope = TestBus.envelope(type, payload);
        bus.publish(exchange, routingKey, envelope);
        return envelope.path("message_id").asText();
    }

    void awaitProcessed(String messageId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !rows("SELECT 1 FROM processed_message WHERE message_id = ?::uuid", messageId).isEmpty());
    }

    /** Rows of a query as column → value maps. */
    List<Map<String, Object>> rows(String sql, Object... parameters) {
        return jdbc.list(sql, Arrays.asList(parameters), rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Object value = rs.getObject(c);
                row.put(meta.getColumnName(c), value instanceof java.sql.Date date ? date.toLocalDate() : value);
            }
            return row;
        });
    }

    /**
     * The database-level row of one database and period, as the newest revision published has it (column →
     * value, as query-api would store it), with the period's {@code revision}; null when it has none.
     */
    Map<String, Object> databaseRow(long instanceId, PeriodType type, String periodStart, String database) {
        return databaseRows(instanceId).stream()
                .filter(row -> row.get("period_type").equals(type.code())
                        && row.get("period_start").equals(LocalDate.parse(periodStart))
                        && row.get("database_name").equals(database))
                .findFirst().orElse(null);
    }

    /** The instance-level row of one period, as the newest revision published has it; null when it has none. */
    Map<String, Object> instanceRow(long instanceId, PeriodType type, String periodStart) {
        return instanceRows(instanceId).stream()
                .filter(row -> row.get("period_type").equals(type.code())
                        && row.get("period_start").equals(LocalDate.parse(periodStart)))
                .findFirst().orElse(null);
    }

    /** Every database-level row of the instances' newest published revisions. */
    List<Map<String, Object>> databaseRows(Long... instanceIds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PeriodCompleted period : newestPeriods(instanceIds)) {
            period.databases().forEach(database -> rows.add(row(period, database)));
        }
        return rows;
    }

    /** Every instance-level row of the instances' newest published revisions. */
    List<Map<String, Object>> instanceRows(Long... instanceIds) {
        return newestPeriods(instanceIds).stream().filter(p -> p.instance() != null)
                .map(p -> row(p, p.instance())).toList();
    }

    private List<PeriodCompleted> newestPeriods(Long... instanceIds) {
        readPublished();
        Set<Long> wanted = Set.of(instanceIds);
        return periods.values().stream().filter(p -> wanted.contains(p.instanceId())).toList();
    }

    private void readPublished() {
        for (TestBus.Received message : bus.drain(published)) {
            if (message.type().equals("AggregationFinished")) {
                finishedRuns.add(UUID.fromString(message.payload().path("run_id").asText()));
                continue;
            }
            PeriodCompleted period = convert(message.payload(), PeriodCompleted.class);
            periods.merge(period.instanceId() + "/" + period.periodType().code() + "/" + period.periodStart(), period,
                    (older, newer) -> newer.revision() > older.revision() ? newer : older);
        }
    }

    /** A published row as a map: its period's key and revision, then its fields under their JSON names. */
    private static Map<String, Object> row(PeriodCompleted period, Record aggregate) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("instance_id", period.instanceId());
        row.put("period_type", period.periodType().code());
        row.put("period_start", period.periodStart());
        row.put("period_end", period.periodEnd());
        row.put("revision", period.revision());
        for (RecordComponent component : aggregate.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(aggregate);
                row.put(SNAKE_CASE.translate(component.getName()),
                        value instanceof TrendDirection trend ? trend.name().toLowerCase(Locale.ROOT) : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return row;
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return TestBus.JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + ": " + node, e);
        }
    }

    static DatabaseSizeSample db(long instanceId, String name, long size, Long data, Long log, String collectedAt) {
        return new DatabaseSizeSample(instanceId, name, size, data, log, OffsetDateTime.parse(collectedAt));
    }

    static DatabaseSizeSample db(long instanceId, String name, long size, String collectedAt) {
        return db(instanceId, name, size, null, null, collectedAt);
    }
}
