package io.whalefall.query.aggregation;

import io.whalefall.query.api.ParamReader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The validated scope of an aggregation request. WhaleFall's three scopes map onto the instances an
 * {@code AggregationRequested} names: all (none named, meaning every active instance), the given instances,
 * or the instance of one database (aggregation works per instance).
 *
 * @param name         all, instance or database
 * @param instanceIds  the instances named in the command (empty for all)
 * @param databaseName the database, for scope database
 */
public record TriggerScope(String name, List<Long> instanceIds, String databaseName) {

    /** The accepted scope names. */
    public static final List<String> NAMES = List.of("all", "instance", "database");

    /** Reads and checks the scope fields of a request body, recording errors in {@code reader}. */
    public static TriggerScope read(ParamReader reader, String scope, List<Long> instanceIds, Long instanceId,
            String databaseName, int maxInstanceIds) {
        String name = reader.oneOf("scope", scope, NAMES, "all");
        List<Long> ids = instanceIds == null ? List.of() : instanceIds;
        return switch (name == null ? "all" : name.toLowerCase(Locale.ROOT)) {
            case "instance" -> instances(reader, ids, instanceId, maxInstanceIds);
            case "database" -> database(reader, ids, instanceId, databaseName);
            default -> {
                reader.check(ids.isEmpty(), "instance_ids", "must be empty when scope is all (every active instance)");
                reader.check(instanceId == null, "instance_id", "is only accepted with scope instance or database");
                reader.check(databaseName == null, "database_name", "is only accepted with scope database");
                yield new TriggerScope("all", List.of(), null);
            }
        };
    }

    private static TriggerScope instances(ParamReader reader, List<Long> ids, Long instanceId, int max) {
        List<Long> wanted = new ArrayList<>(ids);
        if (instanceId != null) {
            wanted.add(instanceId);
        }
        reader.check(!wanted.isEmpty(), "instance_ids", "is required when scope is instance");
        reader.check(wanted.stream().allMatch(id -> id != null && id > 0), "instance_ids",
                "must contain positive integers only");
        reader.check(wanted.size() <= max, "instance_ids", "may name at most " + max + " instances");
        return new TriggerScope("instance", List.copyOf(new LinkedHashSet<>(wanted.stream()
                .filter(id -> id != null).toList())), null);
    }

    private static TriggerScope database(ParamReader reader, List<Long> ids, Long instanceId, String databaseName) {
        reader.check(ids.isEmpty(), "instance_ids", "is not accepted with scope database; send instance_id");
        reader.check(instanceId != null, "instance_id", "is required when scope is database");
        reader.check(instanceId == null || instanceId > 0, "instance_id", "must be a positive integer");
        reader.check(databaseName != null && !databaseName.isEmpty(), "database_name",
                "is required when scope is database");
        String name = reader.name("database_name", databaseName);
        return new TriggerScope("database", instanceId == null ? List.of() : List.of(instanceId), name);
    }
}
