package io.whalefall.contracts.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Database samples as parallel columns: position {@code i} of every column is one sample. An event names
 * each field once per part instead of once per sample and carries times as integers, so a part costs a
 * fraction of the JSON to write and to read (version 3 of {@link StatsIngested}).
 *
 * @param instanceId        the instance of each sample
 * @param databaseName      the database of each sample
 * @param collectedAtUnixUs when each sample was taken, in microseconds since 1970-01-01T00:00:00Z
 * @param sizeMb            total size in whole MB
 * @param dataSizeMb        data part in whole MB, null where the DBMS does not distinguish it
 * @param logSizeMb         log part in whole MB, null where the DBMS does not distinguish it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatabaseSampleColumns(
        Long[] instanceId,
        String[] databaseName,
        Long[] collectedAtUnixUs,
        Long[] sizeMb,
        Long[] dataSizeMb,
        Long[] logSizeMb) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public DatabaseSampleColumns {
    }

    /**
     * The columns of these samples. Also how a version 1 or 2 event, which listed each sample as an object,
     * is read: Jackson hands such an array here.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DatabaseSampleColumns of(List<DatabaseSizeSample> samples) {
        int n = samples.size();
        DatabaseSampleColumns columns = new DatabaseSampleColumns(new Long[n], new String[n], new Long[n], new Long[n],
                new Long[n], new Long[n]);
        for (int i = 0; i < n; i++) {
            DatabaseSizeSample s = samples.get(i);
            columns.instanceId[i] = s.instanceId();
            columns.databaseName[i] = s.databaseName();
            columns.collectedAtUnixUs[i] = s.collectedAt() == null ? null : UnixMicros.of(s.collectedAt());
            columns.sizeMb[i] = s.sizeMb();
            columns.dataSizeMb[i] = s.dataSizeMb();
            columns.logSizeMb[i] = s.logSizeMb();
        }
        return columns;
    }

    /** How many samples the columns hold (the length of the first one). */
    public int size() {
        return instanceId == null ? 0 : instanceId.length;
    }

    /** The samples at positions {@code from} (inclusive) to {@code to} (exclusive). */
    public DatabaseSampleColumns slice(int from, int to) {
        return new DatabaseSampleColumns(Arrays.copyOfRange(instanceId, from, to),
                Arrays.copyOfRange(databaseName, from, to),
                Arrays.copyOfRange(collectedAtUnixUs, from, to),
                Arrays.copyOfRange(sizeMb, from, to),
                Arrays.copyOfRange(dataSizeMb, from, to),
                Arrays.copyOfRange(logSizeMb, from, to));
    }

    /** The samples but those at the positions set in {@code drop}; these columns themselves when none is. */
    public DatabaseSampleColumns without(BitSet drop) {
        return drop.isEmpty() ? this : new DatabaseSampleColumns(Columns.without(instanceId, drop),
                Columns.without(databaseName, drop),
                Columns.without(collectedAtUnixUs, drop),
                Columns.without(sizeMb, drop),
                Columns.without(dataSizeMb, drop),
                Columns.without(logSizeMb, drop));
    }

    /** The samples one by one, their times in UTC. */
    public List<DatabaseSizeSample> samples() {
        List<DatabaseSizeSample> samples = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            samples.add(new DatabaseSizeSample(instanceId[i], databaseName[i], sizeMb[i], dataSizeMb[i], logSizeMb[i],
                    UnixMicros.toUtc(collectedAtUnixUs[i])));
        }
        return samples;
    }

    /** What makes the columns unusable (a column missing or of another length, a required value null), if anything. */
    public Optional<String> defect() {
        return Columns.defect(size(), Arrays.<Object[]>asList(instanceId, databaseName, collectedAtUnixUs, sizeMb),
                Arrays.<Object[]>asList(dataSizeMb, logSizeMb),
                "instance_id, database_name, collected_at_unix_us, size_mb", "data_size_mb, log_size_mb");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseSampleColumns c && Arrays.equals(instanceId, c.instanceId)
                && Arrays.equals(databaseName, c.databaseName) && Arrays.equals(collectedAtUnixUs, c.collectedAtUnixUs)
                && Arrays.equals(sizeMb, c.sizeMb) && Arrays.equals(dataSizeMb, c.dataSizeMb)
                && Arrays.equals(logSizeMb, c.logSizeMb);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {instanceId, databaseName, collectedAtUnixUs, sizeMb, dataSizeMb,
                logSizeMb});
    }

    @Override
    public String toString() {
        // column by column, so that defective columns print too
        return "DatabaseSampleColumns[instance_id=" + Arrays.toString(instanceId) + ", database_name="
                + Arrays.toString(databaseName) + ", collected_at_unix_us=" + Arrays.toString(collectedAtUnixUs)
                + ", size_mb=" + Arrays.toString(sizeMb) + ", data_size_mb=" + Arrays.toString(dataSizeMb)
                + ", log_size_mb=" + Arrays.toString(logSizeMb) + "]";
    }
}
