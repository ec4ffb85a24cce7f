package io.whalefall.ingestion.stats;

import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.contracts.stats.UnixMicros;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Stores raw samples, a whole batch per statement ({@code unnest} of column arrays), and returns only
 * the samples that were new: a re-sent sample hits the primary key and is skipped.
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
    public List<DatabaseSizeSample> storeDatabases(List<DatabaseSizeSample> batch) {
        List<DatabaseSizeSample> samples = firstOfEachKey(batch,
                s -> new DatabaseKey(s.instanceId(), s.databaseName(), s.collectedAt().toInstant()));
        if (samples.isEmpty()) {
            return List.of();
        }
        int n = samples.size();
        Long[] instanceIds = new Long[n];
        String[] names = new String[n];
        Long[] collectedAt = new Long[n];
        Long[] sizes = new Long[n];
        Long[] dataSizes = new Long[n];
        Long[] logSizes = new Long[n];
        for (int i = 0; i < n; i++) {
            DatabaseSizeSample s = samples.get(i);
            instanceIds[i] = s.instanceId();
            names[i] = s.databaseName();
            collectedAt[i] = UnixMicros.of(s.collectedAt());
            sizes[i] = s.sizeMb();
            dataSizes[i] = s.dataSizeMb();
            logSizes[i] = s.logSizeMb();
        }
        return withoutUnstored(samples, INSERT_DATABASES, List.of(new SqlArray("bigint", instanceIds),
                new SqlArray("text", names), new SqlArray("bigint", collectedAt), new SqlArray("bigint", sizes),
                new SqlArray("bigint", dataSizes), new SqlArray("bigint", logSizes)));
    }

    /** Inserts the instance samples; returns those that were not stored before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<InstanceSizeSample> storeInstances(List<InstanceSizeSample> batch) {
        List<InstanceSizeSample> samples = firstOfEachKey(batch,
                s -> new InstanceKey(s.instanceId(), s.collectedAt().toInstant()));
        if (samples.isEmpty()) {
            return List.of();
        }
        int n = samples.size();
        Long[] instanceIds = new Long[n];
        Long[] collectedAt = new Long[n];
        Long[] totals = new Long[n];
        Integer[] counts = new Integer[n];
        for (int i = 0; i < n; i++) {
            InstanceSizeSample s = samples.get(i);
            instanceIds[i] = s.instanceId();
            collectedAt[i] = UnixMicros.of(s.collectedAt());
            totals[i] = s.totalSizeMb();
            counts[i] = s.databaseCount();
        }
        return withoutUnstored(samples, INSERT_INSTANCES, List.of(new SqlArray("bigint", instanceIds),
                new SqlArray("bigint", collectedAt), new SqlArray("bigint", totals), new SqlArray("integer", counts)));
    }

    private record DatabaseKey(long instanceId, String databaseName, Instant collectedAt) {
    }

    private record InstanceKey(long instanceId, Instant collectedAt) {
    }

    /** The batch without the samples whose key an earlier sample of the batch already has. */
    private static <T> List<T> firstOfEachKey(List<T> batch, Function<T, Object> key) {
        Set<Object> seen = new HashSet<>(batch.size() * 2);
        List<T> first = new ArrayList<>(batch.size());
        for (T sample : batch) {
            if (seen.add(key.apply(sample))) {
                first.add(sample);
            }
        }
        return first;
    }

    /** Runs the insert and drops the samples at the (1-based) positions it reports as not stored. */
    private <T> List<T> withoutUnstored(List<T> samples, String insert, List<SqlArray> columns) {
        BitSet unstored = new BitSet(samples.size());
        jdbc.forEach(insert, columns, rs -> unstored.set((int) rs.getLong(1) - 1));
        if (unstored.isEmpty()) {
            return samples;
        }
        List<T> stored = new ArrayList<>(samples.size() - unstored.cardinality());
        for (int i = 0; i < samples.size(); i++) {
            if (!unstored.get(i)) {
                stored.add(samples.get(i));
            }
        }
        return stored;
    }
}
