package io.whalefall.ingestion.stats;

import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Stores raw samples, a whole batch per statement (the columns bound as arrays and {@code unnest}ed), and
 * returns only the samples that were new: a re-sent sample hits the primary key and is skipped.
 *
 * <p>Normally every sample of a batch is new, and the insert's row count says so ({@link Jdbc#insertedAll}).
 * Only when it stored fewer rows than it was given is it undone and run again in a form that answers with the
 * positions it did not store: naming them costs a join of the input with the stored rows, a quarter of the
 * insert's time on a batch of 10,000 (measured in {@code psql}), which a collector's re-send is worth but a
 * new batch is not. A sample repeated within one batch is dropped before the insert (the first one counts,
 * as the primary key would have it), so that a position either was stored or was not. The rows go in in
 * primary-key order, so that the index takes them page by page. Times travel as microseconds since the
 * epoch: PostgreSQL adds them to the epoch faster than it parses timestamps from text.
 */
@ApplicationScoped
public class SampleStore {

    private static final SampleInsert DATABASES = new SampleInsert("""
            SELECT instance_id, database_name, timestamptz 'epoch' + collected_at_us * interval '1 microsecond'
                AS collected_at, size_mb, data_size_mb, log_size_mb, position
            FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                WITH ORDINALITY AS s(instance_id, database_name, collected_at_us, size_mb, data_size_mb, log_size_mb, position)
            """, "database_size_sample", "instance_id, database_name, collected_at",
            "size_mb, data_size_mb, log_size_mb");
    private static final SampleInsert INSTANCES = new SampleInsert("""
            SELECT instance_id, timestamptz 'epoch' + collected_at_us * interval '1 microsecond' AS collected_at,
                total_size_mb, database_count, position
            FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::integer[])
                WITH ORDINALITY AS s(instance_id, collected_at_us, total_size_mb, database_count, position)
            """, "instance_size_sample", "instance_id, collected_at", "total_size_mb, database_count");

    /**
     * The two forms of one table's insert from an {@code input} query (the bound columns and their
     * positions): {@link #all} answers with its row count only, {@link #reportingUnstored} with the positions
     * whose key was already stored.
     */
    private record SampleInsert(String all, String reportingUnstored) {

        SampleInsert(String input, String table, String key, String values) {
            this("WITH input AS (" + input + ") " + insert(table, key, values),
                    "WITH input AS (" + input + "), stored AS (" + insert(table, key, values) + " RETURNING " + key
                            + ") SELECT position FROM input WHERE (" + key + ") NOT IN (SELECT " + key
                            + " FROM stored)");
        }

        private static String insert(String table, String key, String values) {
            return "INSERT INTO " + table + " (" + key + ", " + values + ") SELECT " + key + ", " + values
                    + " FROM input ORDER BY " + key + " ON CONFLICT DO NOTHING";
        }
    }

    private final Jdbc jdbc;

    public SampleStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the database samples; returns those that were not stored before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DatabaseSampleColumns storeDatabases(DatabaseSampleColumns batch) {
        DatabaseSampleColumns samples = batch.without(laterRepeats(batch.size(),
                i -> new DatabaseKey(batch.instanceId()[i], batch.databaseName()[i], batch.collectedAtUnixUs()[i])));
        if (samples.size() == 0) {
            return samples;
        }
        return samples.without(unstored(DATABASES, samples.size(), List.of(new SqlArray("bigint", samples.instanceId()),
                new SqlArray("text", samples.databaseName()), new SqlArray("bigint", samples.collectedAtUnixUs()),
                new SqlArray("bigint", samples.sizeMb()), new SqlArray("bigint", samples.dataSizeMb()),
                new SqlArray("bigint", samples.logSizeMb()))));
    }

    /** Inserts the instance samples; returns those that were not stored before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public InstanceSampleColumns storeInstances(InstanceSampleColumns batch) {
        InstanceSampleColumns samples = batch.without(laterRepeats(batch.size(),
                i -> new InstanceKey(batch.instanceId()[i], batch.collectedAtUnixUs()[i])));
        if (samples.size() == 0) {
            return samples;
        }
        return samples.without(unstored(INSTANCES, samples.size(), List.of(new SqlArray("bigint", samples.instanceId()),
                new SqlArray("bigint", samples.collectedAtUnixUs()), new SqlArray("bigint", samples.totalSizeMb()),
                new SqlArray("integer", samples.databaseCount()))));
    }

    private record DatabaseKey(long instanceId, String databaseName, long collectedAtUnixUs) {
    }

    private record InstanceKey(long instanceId, long collectedAtUnixUs) {
    }

    /** The positions whose key an earlier position already has. */
    private static BitSet laterRepeats(int size, IntFunction<Object> key) {
        Set<Object> seen = new HashSet<>(size * 2);
        BitSet repeats = new BitSet(size);
        for (int i = 0; i < size; i++) {
            if (!seen.add(key.apply(i))) {
                repeats.set(i);
            }
        }
        return repeats;
    }

    /** Runs the insert; returns the (0-based) positions of the {@code size} samples it did not store. */
    private BitSet unstored(SampleInsert insert, int size, List<SqlArray> columns) {
        BitSet unstored = new BitSet();
        if (!jdbc.insertedAll(insert.all(), columns, size)) {
            jdbc.forEach(insert.reportingUnstored(), columns, rs -> unstored.set((int) rs.getLong(1) - 1));
        }
        return unstored;
    }
}
