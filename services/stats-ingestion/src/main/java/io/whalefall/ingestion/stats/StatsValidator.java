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
        Faults faults = new Faults(errors, "databases");
        for (int i = 0; i < databases.size(); i++) {
            validate(databases.get(i), faults.at(i), known, latest);
        }
        faults = new Faults(errors, "instances");
        for (int i = 0; i < instances.size(); i++) {
            validate(instances.get(i), faults.at(i), known, latest);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors.subList(0, Math.min(errors.size(), config.maxReportedErrors())),
                    errors.size());
        }
    }

    private static void validate(DatabaseSizeSample row, Faults faults, Set<Long> known, Instant latest) {
        if (row == null) {
            faults.add(null, "must be an object");
            return;
        }
        instanceId(row.instanceId(), faults, known);
        String name = row.databaseName();
        if (name == null || name.isBlank()) {
            faults.add("database_name", "is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            faults.add("database_name", "must be at most " + MAX_NAME_LENGTH + " characters");
        } else if (hasControlCharacter(name)) {
            faults.add("database_name", "must not contain control characters");
        }
        size(row.sizeMb(), "size_mb", true, faults);
        size(row.dataSizeMb(), "data_size_mb", false, faults);
        size(row.logSizeMb(), "log_size_mb", false, faults);
        collectedAt(row.collectedAt(), faults, latest);
    }

    private static void validate(InstanceSizeSample row, Faults faults, Set<Long> known, Instant latest) {
        if (row == null) {
            faults.add(null, "must be an object");
            return;
        }
        instanceId(row.instanceId(), faults, known);
        size(row.totalSizeMb(), "total_size_mb", true, faults);
        if (row.databaseCount() == null) {
            faults.add("database_count", "is required");
        } else if (row.databaseCount() < 0) {
            faults.add("database_count", "must be zero or more");
        }
        collectedAt(row.collectedAt(), faults, latest);
    }

    private static void instanceId(Long id, Faults faults, Set<Long> known) {
        if (id == null) {
            faults.add("instance_id", "is required");
        } else if (id <= 0) {
            faults.add("instance_id", "must be a positive integer");
        } else if (!known.contains(id)) {
            faults.add("instance_id", "instance " + id + " is not registered (PUT /api/v1/instances/" + id + " first)");
        }
    }

    private static void size(Long value, String field, boolean required, Faults faults) {
        if (value == null) {
            if (required) {
                faults.add(field, "is required");
            }
        } else if (value < 0) {
            faults.add(field, "must be zero or more");
        }
    }

    private static void collectedAt(OffsetDateTime value, Faults faults, Instant latest) {
        if (value == null) {
            faults.add("collected_at", "is required (ISO-8601 with offset)");
        } else if (value.toInstant().isAfter(latest)) {
            faults.add("collected_at", "lies in the future");
        } else if (value.toInstant().isBefore(EARLIEST)) {
            faults.add("collected_at", "is before 2000-01-01");
        }
    }

    private static boolean hasControlCharacter(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static Set<Long> instanceIds(List<DatabaseSizeSample> databases, List<InstanceSizeSample> instances) {
        Set<Long> ids = new HashSet<>();
        for (DatabaseSizeSample row : databases) {
            if (row != null && row.instanceId() != null) {
                ids.add(row.instanceId());
            }
        }
        for (InstanceSizeSample row : instances) {
            if (row != null && row.instanceId() != null) {
                ids.add(row.instanceId());
            }
        }
        return ids;
    }

    /**
     * The faults of one row at a time. The row's path ({@code databases[3]}) is only spelt out for a fault:
     * building it for every sound row took a sixth of a valid batch's validation.
     */
    private static final class Faults {
        private final List<FieldError> errors;
        private final String list;
        private int index;

        Faults(List<FieldError> errors, String list) {
            this.errors = errors;
            this.list = list;
        }

        Faults at(int row) {
            index = row;
            return this;
        }

        /** A fault of {@code field} of the current row, or of the row itself when {@code field} is null. */
        void add(String field, String message) {
            errors.add(new FieldError(list + "[" + index + "]" + (field == null ? "" : "." + field), message));
        }
    }
}
