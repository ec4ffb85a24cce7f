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
 * Instance samples as parallel columns: position {@code i} of every column is one sample (see
 * {@link DatabaseSampleColumns}).
 *
 * @param instanceId        the instance of each sample
 * @param collectedAtUnixUs when each sample was taken, in microseconds since 1970-01-01T00:00:00Z
 * @param totalSizeMb       the sum of the instance's database sizes in whole MB
 * @param databaseCount     how many databases the instance held
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstanceSampleColumns(
        Long[] instanceId,
        Long[] collectedAtUnixUs,
        Long[] totalSizeMb,
        Integer[] databaseCount) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public InstanceSampleColumns {
    }

    /** The columns of these samples; also how a version 1 or 2 event's array of sample objects is read. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static InstanceSampleColumns of(List<InstanceSizeSample> samples) {
        int n = samples.size();
        InstanceSampleColumns columns = new InstanceSampleColumns(new Long[n], new Long[n], new Long[n],
                new Integer[n]);
        for (int i = 0; i < n; i++) {
            InstanceSizeSample s = samples.get(i);
            columns.instanceId[i] = s.instanceId();
            columns.collectedAtUnixUs[i] = s.collectedAt() == null ? null : UnixMicros.of(s.collectedAt());
            columns.totalSizeMb[i] = s.totalSizeMb();
            columns.databaseCount[i] = s.databaseCount();
        }
        return columns;
    }

    /** How many samples the columns hold (the length of the first one). */
    public int size() {
        return instanceId == null ? 0 : instanceId.length;
    }

    /** The samples at positions {@code from} (inclusive) to {@code to} (exclusive). */
    public InstanceSampleColumns slice(int from, int to) {
        return new InstanceSampleColumns(Arrays.copyOfRange(instanceId, from, to),
                Arrays.copyOfRange(collectedAtUnixUs, from, to),
                Arrays.copyOfRange(totalSizeMb, from, to),
                Arrays.copyOfRange(databaseCount, from, to));
    }

    /** The samples but those at the positions set in {@code drop}; these columns themselves when none is. */
    public InstanceSampleColumns without(BitSet drop) {
        return drop.isEmpty() ? this : new InstanceSampleColumns(Columns.without(instanceId, drop),
                Columns.without(collectedAtUnixUs, drop),
                Columns.without(totalSizeMb, drop),
                Columns.without(databaseCount, drop));
    }

    /** The samples one by one, their times in UTC. */
    public List<InstanceSizeSample> samples() {
        List<InstanceSizeSample> samples = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            samples.add(new InstanceSizeSample(instanceId[i], totalSizeMb[i], databaseCount[i],
                    UnixMicros.toUtc(collectedAtUnixUs[i])));
        }
        return samples;
    }

    /** What makes the columns unusable (a column missing or of another length, a value null), if anything. */
    public Optional<String> defect() {
        return Columns.defect(size(),
                Arrays.<Object[]>asList(instanceId, collectedAtUnixUs, totalSizeMb, databaseCount), List.of(),
                "instance_id, collected_at_unix_us, total_size_mb, database_count", "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceSampleColumns c && Arrays.equals(instanceId, c.instanceId)
                && Arrays.equals(collectedAtUnixUs, c.collectedAtUnixUs) && Arrays.equals(totalSizeMb, c.totalSizeMb)
                && Arrays.equals(databaseCount, c.databaseCount);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {instanceId, collectedAtUnixUs, totalSizeMb, databaseCount});
    }

    @Override
    public String toString() {
        // column by column, so that defective columns print too
        return "InstanceSampleColumns[instance_id=" + Arrays.toString(instanceId) + ", collected_at_unix_us="
                + Arrays.toString(collectedAtUnixUs) + ", total_size_mb=" + Arrays.toString(totalSizeMb)
                + ", database_count=" + Arrays.toString(databaseCount) + "]";
    }
}
