package io.whalefall.aggregation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.testing.CapacityDataGenerator;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A year of generated samples for several instances (missing days, double-sampled days, databases that
 * appear and disappear, instances with and without instance totals), backfilled for all four period types
 * through the bus, and every stored row compared with {@link ReferenceAggregation}.
 */
@QuarkusTest
@AggregationTestResource
class BackfillAgainstReferenceTest {

    private static final LocalDate FROM = LocalDate.parse("2025-01-01");
    private static final LocalDate TO = LocalDate.parse("2025-12-31");
    private static final List<String> TYPES = List.of("daily", "weekly", "monthly", "quarterly");

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    TestBus bus;
    AggregationDriver driver;

    @BeforeEach
    void connect() {
        bus = new TestBus(infrastructure.virtualHost());
        driver = new AggregationDriver(bus, dataSource);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void aYearBackfilledMatchesTheReferenceRowForRow() {
        long first = AggregationDriver.newInstanceId() * 10;
        CapacityDataGenerator generator = new CapacityDataGenerator(new CapacityDataGenerator.Settings(42, first, 4, 7,
                FROM, 365, 0.1, 0.15, 0.5));
        List<Long> ids = generator.instances().stream().map(CapacityDataGenerator.InstanceSpec::id).toList();
        for (CapacityDataGenerator.InstanceSpec spec : generator.instances()) {
            driver.publish("whalefall.events", "instance.upserted", "InstanceUpserted",
                    new io.whalefall.contracts.instance.InstanceUpserted(spec.id(), spec.name(), spec.dbType(), "h", 1,
                            true, null, 1, java.time.Instant.now()));
        }
        CapacityDataGenerator.Samples samples = generator.all();
        driver.samples(samples.databases(), samples.instances());

        assertThat(driver.awaitRunEnded(driver.requestRange(ids, Arrays.asList(PeriodType.values()), FROM, TO, false)))
                .isEqualTo("completed");

        ReferenceAggregation reference = new ReferenceAggregation(samples.databases(), samples.instances());
        Map<String, Map<String, Object>> expectedDatabases = reference.databaseRows(TYPES, FROM, TO);
        Map<String, Map<String, Object>> actualDatabases = new TreeMap<>();
        for (Map<String, Object> row : driver.databaseRows(ids.toArray(Long[]::new))) {
            actualDatabases.put(row.get("instance_id") + "/" + row.get("period_type") + "/" + row.get("period_start")
                    + "/" + row.get("database_name"), row);
        }
        assertThat(actualDatabases.keySet()).isEqualTo(expectedDatabases.keySet());
        expectedDatabases.forEach((key, expected) -> assertRow(key, actualDatabases.get(key), expected));

        Map<String, Map<String, Object>> expectedInstances = reference.instanceRows(TYPES, FROM, TO);
        Map<String, Map<String, Object>> actualInstances = new TreeMap<>();
        for (Map<String, Object> row : driver.instanceRows(ids.toArray(Long[]::new))) {
            actualInstances.put(row.get("instance_id") + "/" + row.get("period_type") + "/" + row.get("period_start"), row);
        }
        assertThat(actualInstances.keySet()).isEqualTo(expectedInstances.keySet());
        expectedInstances.forEach((key, expected) -> assertRow(key, actualInstances.get(key), expected));
        assertThat(expectedDatabases).hasSizeGreaterThan(4_000);
    }

    private static void assertRow(String key, Map<String, Object> actual, Map<String, Object> expected) {
        expected.forEach((column, value) -> {
            Object stored = actual.get(column);
            if (value instanceof BigDecimal decimal) {
                assertThat((BigDecimal) stored).as("%s %s", key, column).isEqualByComparingTo(decimal);
            } else {
                assertThat(stored).as("%s %s", key, column).isEqualTo(value);
            }
        });
    }
}
