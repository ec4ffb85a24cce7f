package io.whalefall.query.metrics;

import io.whalefall.query.api.ParamReader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a query groups series into results, from {@code group_by}: absent or {@code *}: one result per series
 * (its labels are all of the series' labels); empty: every matching series merged into one result (no
 * labels); {@code a,b}: one result per combination of the values of labels a and b (a series without one
 * of them counts as having it null).
 *
 * @param perSeries whether each series is its own group
 * @param keys      the label names that make a group (empty with {@code perSeries}: all merged)
 */
public record Grouping(boolean perSeries, List<String> keys) {

    /** One result per series. */
    public static final Grouping PER_SERIES = new Grouping(true, List.of());

    /** Reads {@code group_by}, recording errors in {@code reader}. */
    public static Grouping read(ParamReader reader, String raw) {
        if (raw == null || raw.strip().equals("*")) {
            return PER_SERIES;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String key = part.strip();
            if (key.isEmpty()) {
                continue;
            }
            if (!LabelNames.valid(key)) {
                reader.reject("group_by", "must be *, empty, or comma-separated label names; " + LabelNames.rule()
                        + ", got '" + LabelNames.printable(key) + "'");
                return PER_SERIES;
            }
            keys.add(key);
        }
        if (keys.size() > LabelNames.MAX_LABELS) {
            reader.reject("group_by", "at most " + LabelNames.MAX_LABELS + " label names");
        }
        return new Grouping(false, List.copyOf(keys));
    }

    /** The labels of the group a series with {@code labels} belongs to. */
    public SortedMap<String, String> groupLabels(SortedMap<String, String> labels) {
        if (perSeries) {
            return labels;
        }
        SortedMap<String, String> group = new TreeMap<>();
        keys.forEach(key -> group.put(key, labels.get(key)));
        return group;
    }

    /** As echoed in responses: null for one result per series, else the grouping label names. */
    public List<String> echo() {
        return perSeries ? null : new ArrayList<>(keys);
    }
}
