package io.whalefall.windows;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Identifies a series: a metric name plus its labels. Its canonical form, {@code name{a="1",b="2"}} with
 * labels sorted by key, and its id, the UUID v3 of that form, are the same wherever they are computed,
 * so ingestion, the window engine and queries agree on them.
 *
 * @param metric the metric name
 * @param labels the labels, sorted by key
 */
public record SeriesKey(String metric, SortedMap<String, String> labels) {

    public SeriesKey {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The key of {@code metric} with {@code labels} (null means none). */
    public static SeriesKey of(String metric, Map<String, String> labels) {
        return new SeriesKey(metric, labels == null ? new TreeMap<>() : new TreeMap<>(labels));
    }

    /** {@code metric{key="value",...}}, keys sorted, quotes and backslashes in values escaped. */
    public String canonical() {
        StringBuilder text = new StringBuilder(metric).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                text.append(',');
            }
            first = false;
            text.append(label.getKey()).append("=\"")
                    .append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.append('}').toString();
    }

    /** The stable id of the series. */
    public UUID id() {
        return UUID.nameUUIDFromBytes(("whalefall-series:" + canonical()).getBytes(StandardCharsets.UTF_8));
    }
}
