package io.whalefall.windows;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Identifies a series: a metric name plus its labels. Its canonical form, {@code name{a="1",b="2"}} with
 * labels sorted by key, and its id, the UUID v3 of that form, are the same wherever they are computed,
 * so ingestion, the window engine and queries agree on them. Both are computed once, when the key is
 * made: every point, window and event of a series asks for them.
 */
public final class SeriesKey {

    private final String metric;
    private final SortedMap<String, String> labels;
    private final String canonical;
    private final UUID id;
    /** Made on first use: most keys are never stored. A racing second making makes the same string. */
    private String labelsJson;

    /**
     * @param metric the metric name
     * @param labels the labels (copied, sorted by key)
     */
    public SeriesKey(String metric, SortedMap<String, String> labels) {
        this.metric = metric;
        this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        this.canonical = canonical(metric, this.labels);
        this.id = UUID.nameUUIDFromBytes(("whalefall-series:" + canonical).getBytes(StandardCharsets.UTF_8));
    }

    /** The key of {@code metric} with {@code labels} (null means none). */
    public static SeriesKey of(String metric, Map<String, String> labels) {
        return new SeriesKey(metric, labels == null ? new TreeMap<>() : new TreeMap<>(labels));
    }

    /** The metric name. */
    public String metric() {
        return metric;
    }

    /** The labels, sorted by key (unmodifiable). */
    public SortedMap<String, String> labels() {
        return labels;
    }

    /** {@code metric{key="value",...}}, keys sorted, quotes and backslashes in values escaped. */
    public String canonical() {
        return canonical;
    }

    /** The stable id of the series. */
    public UUID id() {
        return id;
    }

    /**
     * The labels as a JSON object, keys sorted, as the services store them in {@code jsonb} columns; made once
     * per key, so a cached key ({@link SeriesKeyCache}) writes its labels once.
     */
    public String labelsJson() {
        String json = labelsJson;
        if (json == null) {
            StringBuilder text = new StringBuilder("{");
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (text.length() > 1) {
                    text.append(',');
                }
                quoted(text, label.getKey()).append(':');
                quoted(text, label.getValue());
            }
            json = text.append('}').toString();
            labelsJson = json;
        }
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesKey that && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }

    private static StringBuilder quoted(StringBuilder text, String value) {
        text.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, text);
        return text.append('"');
    }

    private static String canonical(String metric, SortedMap<String, String> labels) {
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
}
