package io.whalefall.query.metrics;

import io.whalefall.query.api.ParamReader;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Label filters of a query, written {@code label.<name>=<value>} (any number): a series matches when it has
 * every named label with exactly that value ({@code label.db=} matches an empty value).
 *
 * @param labels the required labels, by name
 */
public record LabelFilters(SortedMap<String, String> labels) {

    /** The query parameters that carry label filters start with this. */
    public static final String PREFIX = "label.";

    public LabelFilters {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** Reads every {@code label.*} parameter of {@code parameters}, recording errors in {@code reader}. */
    public static LabelFilters read(ParamReader reader, Map<String, List<String>> parameters) {
        SortedMap<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!parameter.getKey().startsWith(PREFIX)) {
                continue;
            }
            String name = parameter.getKey().substring(PREFIX.length());
            String field = PREFIX + LabelNames.printable(name);
            // a parameter without a value (label.db, as sent for label.db=) asks for an empty value
            List<String> values = parameter.getValue() == null || parameter.getValue().isEmpty() ? List.of("")
                    : parameter.getValue();
            if (!LabelNames.valid(name)) {
                reader.reject(field, LabelNames.rule());
            } else if (values.size() != 1) {
                reader.reject(field, "give one value per label");
            } else if (values.get(0).length() > LabelNames.MAX_VALUE_LENGTH) {
                reader.reject(field, "must be at most " + LabelNames.MAX_VALUE_LENGTH + " characters");
            } else if (values.get(0).chars().anyMatch(Character::isISOControl)) {
                reader.reject(field, "must not contain control characters");
            } else {
                labels.put(name, values.get(0));
            }
        }
        if (labels.size() > LabelNames.MAX_LABELS) {
            reader.reject(PREFIX + "*", "at most " + LabelNames.MAX_LABELS + " label filters per query");
        }
        return new LabelFilters(labels);
    }

    /** Whether there is no filter. */
    public boolean isEmpty() {
        return labels.isEmpty();
    }
}
