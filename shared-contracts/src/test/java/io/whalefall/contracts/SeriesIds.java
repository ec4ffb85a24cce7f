package io.whalefall.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The series id exactly as the contract documents it, written independently of the services so a test notices when
 * a golden example or the AsyncAPI document stops matching the rule another system would implement.
 */
final class SeriesIds {

    private SeriesIds() {
    }

    /** {@code metric{key="value",...}}: keys in ASCII order, no spaces, backslash and quote in values escaped. */
    static String canonical(String metric, Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(label -> label.getKey() + "=\"" + label.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", metric + "{", "}"));
    }

    /** The name-based UUID (version 3) of {@code "whalefall-series:" + canonical}. */
    static UUID of(String metric, Map<String, String> labels) {
        return UUID.nameUUIDFromBytes(("whalefall-series:" + canonical(metric, labels)).getBytes(StandardCharsets.UTF_8));
    }
}
