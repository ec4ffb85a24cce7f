package io.whalefall.ingestion.stats;

import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.contracts.stats.StatsCollected;
import io.whalefall.ingestion.IngestionConfig;
import io.whalefall.platform.api.FieldError;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks every row of a batch and names each faulty field ({@code databases[3].size_mb}), so that a
 * collector can fix its batch in one round trip.
 */
@ApplicationScoped
public class StatsValidator {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final int MAX_NAME_LENGTH = 255;

    private final IngestionConfig config;

    public StatsValidator(IngestionConfig config) {
        this.config = config;
    }

    /**
     * Validates the batch against the registered instances.
     *
     * @param registered looks up which of the batch's instance ids are registered
     * @throws InvalidBatchException listing the problems
     */
    public void validate(StatsCollected batch, Function<Set<Long>, Set<Long>> registered) {
        List<FieldError> errors = new ArrayList<>();
        List<DatabaseSizeSample> databases = batch.databases() == null ? List.of() : batch.databases();
        List<InstanceSizeSample> instances = batch.instances() == null ? List.of() : batch.instances();
        int samples = databases.size() + instances.size();
        if (samples == 0) {
            throw new InvalidBatchException(List.of(new FieldError("databases", "the batch holds no samples")), 1);
        }
        if (samples > config.maxSamplesPerBatch()) {
            throw new InvalidBatchException(List.of(new FieldError("databases", "the batch holds " + samples
                    + " samples; at most " + config.maxSamplesPerBatch() + " are accepted per batch")), 1);
        }
        Set<Long> known = registered.apply(instanceIds(databases, instances));
        Instant latest = Instant.now().plus(config.maxClockSkew());
        for (int i = 0; i < databases.size(); i++) {
            validate(databases.get(i), "databases[" + i + "]", known, latest, errors);
        }
        for (int i = 0; i < instances.size(); i++) {
            validate(instances.get(i), "instances[" + i + "]", known, latest, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors.subList(0, Math.min(errors.size(), config.maxReportedErrors())),
                    errors.size());
        }
    }

    private static void validate(DatabaseSizeSample row, String at, Set<Long> known, Instant latest,
            List<FieldError> errors) {
        if (row == null) {
            errors.add(new FieldError(at, "must be an object"));
            return;
        }
        instanceId(row.instanceId(), at, known, errors);
        String name = row.databaseName();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError(at + ".database_name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError(at + ".database_name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(at + ".database_name", "must not contain control characters"));
        }
        size(row.sizeMb(), at + ".size_mb", true, errors);
        size(row.dataSizeMb(), at + ".data_size_mb", false, errors);
        size(row.logSizeMb(), at + ".log_size_mb", false, errors);
        collectedAt(row.collectedAt(), at, latest, errors);
    }

    private static void validate(InstanceSizeSample row, String at, Set<Long> known, Instant latest,
            List<FieldError> errors) {
        if (row == null) {
            errors.add(new FieldError(at, "must be an object"));
            return;
        }
        instanceId(row.instanceId(), at, known, errors);
        size(row.totalSizeMb(), at + ".total_size_mb", true, errors);
        if (row.databaseCount() == null) {
            errors.add(new FieldError(at + ".database_count", "is required"));
        } else if (row.databaseCount() < 0) {
            errors.add(new FieldError(at + ".database_count", "must be zero or more"));
        }
        collectedAt(row.collectedAt(), at, latest, errors);
    }

    private static void instanceId(Long id, String at, Set<Long> known, List<FieldError> errors) {
        if (id == null) {
            errors.add(new FieldError(at + ".instance_id", "is required"));
        } else if (id <= 0) {
            errors.add(new FieldError(at + ".instance_id", "must be a positive integer"));
        } else if (!known.contains(id)) {
            errors.add(new FieldError(at + ".instance_id", "instance " + id
                    + " is not registered (PUT /api/v1/instances/" + id + " first)"));
        }
    }

    private static void size(Long value, String field, boolean required, List<FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value < 0) {
            errors.add(new FieldError(field, "must be zero or more"));
        }
    }

    private static void collectedAt(OffsetDateTime value, String at, Instant latest, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(at + ".collected_at", "is required (ISO-8601 with offset)"));
        } else if (value.toInstant().isAfter(latest)) {
            errors.add(new FieldError(at + ".collected_at", "lies in the future"));
        } else if (value.toInstant().isBefore(EARLIEST)) {
            errors.add(new FieldError(at + ".collected_at", "is before 2000-01-01"));
        }
    }

    private static Set<Long> instanceIds(List<DatabaseSizeSample> databases, List<InstanceSizeSample> instances) {
        Set<Long> ids = new HashSet<>();
        databases.stream().filter(r -> r != null && r.instanceId() != null).forEach(r -> ids.add(r.instanceId()));
        instances.stream().filter(r -> r != null && r.instanceId() != null).forEach(r -> ids.add(r.instanceId()));
        return ids;
    }
}
