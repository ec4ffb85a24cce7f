package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Small readers of API JSON. */
final class TestJson {

    private TestJson() {
    }

    /** A labels object as a map (null values kept). */
    static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            map.put(label.getKey(), label.getValue().isNull() ? null : label.getValue().asText());
        }
        return map;
    }
}
