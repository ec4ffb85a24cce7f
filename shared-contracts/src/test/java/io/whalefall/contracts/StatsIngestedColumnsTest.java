package io.whalefall.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.contracts.stats.StatsIngested;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code StatsIngested} version 3 sends its samples as columns; a reader still takes the sample objects of
 * versions 1 and 2, which may wait in a queue while the services are upgraded.
 */
class StatsIngestedColumnsTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String VERSION_2 = """
            {"batch_id": "5cd12a94-3252-40f5-824b-7cf14cebba32", "part": 1, "parts": 1,
             "databases": [
               {"instance_id": 101, "database_name": "orders", "size_mb": 51200, "data_size_mb": 49152,
                "log_size_mb": null, "collected_at": "2026-11-03T02:00:00.000123+08:00"},
               {"instance_id": 103, "database_name": "finance", "size_mb": 30720, "data_size_mb": null,
                "log_size_mb": 5120, "collected_at": "2026-11-02T18:00:05Z"}],
             "instances": [
               {"instance_id": 101, "total_size_mb": 71680, "database_count": 2,
                "collected_at": "2026-11-02T18:00:00Z"}],
             "ingested_at": "2026-11-02T18:00:07.655Z"}
            """;

    @Test
    void theSampleObjectsOfVersion2AreReadAsColumns() throws Exception {
        StatsIngested event = JSON.readValue(VERSION_2, StatsIngested.class);

        assertThat(event.databases().instanceId()).containsExactly(101L, 103L);
        assertThat(event.databases().databaseName()).containsExactly("orders", "finance");
        assertThat(event.databases().collectedAtUnixUs())
                .containsExactly(1_793_642_400_000_123L, 1_793_642_405_000_000L);
        assertThat(event.databases().dataSizeMb()).containsExactly(49152L, null);
        assertThat(event.databases().logSizeMb()).containsExactly(null, 5120L);
        assertThat(event.databases().defect()).isEmpty();
        assertThat(event.instances().samples()).containsExactly(new InstanceSizeSample(101L, 71680L, 2,
                OffsetDateTime.parse("2026-11-02T18:00:00Z")));
    }

    @Test
    void columnsWrittenAndReadGiveTheSamplesBackInUtc() throws Exception {
        List<DatabaseSizeSample> samples = List.of(
                new DatabaseSizeSample(7L, "a", 10L, null, 2L, OffsetDateTime.parse("2026-11-03T02:00:00.5+08:00")),
                new DatabaseSizeSample(8L, "b", 0L, 0L, null, OffsetDateTime.parse("1969-12-31T23:59:59.999999Z")));

        DatabaseSampleColumns read = JSON.readValue(JSON.writeValueAsString(DatabaseSampleColumns.of(samples)),
                DatabaseSampleColumns.class);

        assertThat(read).isEqualTo(DatabaseSampleColumns.of(samples));
        assertThat(read.samples()).containsExactly(
                new DatabaseSizeSample(7L, "a", 10L, null, 2L, OffsetDateTime.parse("2026-11-02T18:00:00.5Z")),
                new DatabaseSizeSample(8L, "b", 0L, 0L, null, OffsetDateTime.parse("1969-12-31T23:59:59.999999Z")));
    }

    @Test
    void slicesAndDropsKeepTheSamplesTogether() {
        List<InstanceSizeSample> samples = List.of(
                new InstanceSizeSample(1L, 10L, 1, OffsetDateTime.parse("2026-11-02T18:00:00Z")),
                new InstanceSizeSample(2L, 20L, 2, OffsetDateTime.parse("2026-11-02T18:00:01Z")),
                new InstanceSizeSample(3L, 30L, 3, OffsetDateTime.parse("2026-11-02T18:00:02Z")));
        InstanceSampleColumns columns = InstanceSampleColumns.of(samples);
        BitSet second = new BitSet();
        second.set(1);

        assertThat(columns.slice(1, 3).samples()).containsExactlyElementsOf(samples.subList(1, 3));
        assertThat(columns.slice(3, 3).size()).isZero();
        assertThat(columns.without(second).samples()).containsExactly(samples.get(0), samples.get(2));
        assertThat(columns.without(new BitSet())).isSameAs(columns);
    }

    @Test
    void columnsOfUnequalLengthOrWithARequiredNullAreDefective() throws Exception {
        DatabaseSampleColumns shortColumn = JSON.readValue("""
                {"instance_id": [1, 2], "database_name": ["a"], "collected_at_unix_us": [0, 0], "size_mb": [1, 1],
                 "data_size_mb": [null, null], "log_size_mb": [null, null]}""", DatabaseSampleColumns.class);
        DatabaseSampleColumns nullSize = JSON.readValue("""
                {"instance_id": [1], "database_name": ["a"], "collected_at_unix_us": [0], "size_mb": [null],
                 "data_size_mb": [null], "log_size_mb": [null]}""", DatabaseSampleColumns.class);
        InstanceSampleColumns missingCount = JSON.readValue("""
                {"instance_id": [1], "collected_at_unix_us": [0], "total_size_mb": [1]}""",
                InstanceSampleColumns.class);

        assertThat(shortColumn.defect()).hasValueSatisfying(d -> assertThat(d).contains("with 2 values"));
        assertThat(nullSize.defect()).hasValueSatisfying(d -> assertThat(d).contains("hold no null"));
        assertThat(missingCount.defect()).hasValueSatisfying(d -> assertThat(d).contains("database_count"));
        // a defective part is still printable, for the logs that report it
        assertThat(shortColumn).hasToString("DatabaseSampleColumns[instance_id=[1, 2], database_name=[a], "
                + "collected_at_unix_us=[0, 0], size_mb=[1, 1], data_size_mb=[null, null], log_size_mb=[null, null]]");
        assertThat(missingCount.toString()).contains("database_count=null");
    }
}
