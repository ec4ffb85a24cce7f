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
 * <p>The statement answers with the positions of the samples it did not store, which is normally none:
 * echoing every stored row back cost more than the insert's own parsing. A sample repeated within one
 * batch is dropped before the insert (the first one counts, as the primary key would have it), so that
 * a position either was stored or was not. Times travel as microseconds since the epoch: PostgreSQL adds
 * them to the epoch faster than it parses timestamps from text.
 */
@ApplicationScoped
public class SampleStore {

    private static final String INSERT_DATABASES = """
            WITH input AS (
                SELECT instance_id, database_name, timestamptz 'epoch' + collected_at_us * interval '1 microsecond'
                    AS collected_at, size_mb, data_size_mb, log_size_mb, position
                FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                    WITH ORDINALITY AS s(instance_id, database_name, collected_at_us, size_mb, data_size_mb, log_size_mb, position)
            ), stored AS (
                INSERT INTO database_size_sample (instance_id, database_name, collected_at, size_mb, data_size_mb, log_size_mb)
                SELECT instance_id, database_name, collected_at, size_mb, data_size_mb, log_size_mb FROM input
                ON CONFLICT DO NOTHING
                RETURNING instance_id, database_name, collected_at
            )
            SELECT i.position FROM input i
            WHERE NOT EXISTS (SELECT FROM stored s WHERE s.instance_id = i.instance_id
                AND s.database_name = i.database_name AND s.collected_at = i.collected_at)
            """;
    private static final String INSERT_INSTANCES = """
            WITH input AS (
                SELECT instance_id, timestamptz 'epoch' + collected_at_us * interval '1 microsecond' AS collected_at,
                    total_size_mb, database_count, position
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::integer[])
                    WITH ORDINALITY AS s(instance_id, collected_at_us, total_size_mb, database_count, position)
            ), stored AS (
                INSERT INTO instance_size_sample (instance_id, collected_at, total_size_mb, database_count)
                SELECT instance_id, collected_at, total_size_mb, database_count FROM input
                ON CONFLICT DO NOTHING
                RETURNING instance_id, collected_at
            )
            SELECT i.position FROM input i
            WHERE NOT EXISTS (SELECT FROM stored s WHERE s.instance_id = i.instance_id AND s.collected_at = i.collected_at)
            """;

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
        return samples.without(unstored(INSERT_DATABASES, List.of(new SqlArray("bigint", samples.instanceId()),
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
        return samples.without(unstored(INSERT_INSTANCES, List.of(new SqlArray("bigint", samples.instanceId()),
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

    /** Runs the insert; returns the (0-based) positions it reports as not stored. */
    private BitSet unstored(String insert, List<SqlArray> columns) {
        BitSet unstored = new BitSet();
        jdbc.forEach(insert, columns, rs -> unstored.set((int) rs.getLong(1) - 1));
        return unstored;
    }
}
