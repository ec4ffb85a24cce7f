package io.whalefall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Compares JSON trees by value, the way a consumer reads them: {@code 12.3} equals {@code 12.30}, {@code 5}
 * equals {@code 5.0}, and two date-times equal when they are the same instant (the records normalise
 * {@code 2026-11-03T02:00:00+08:00} to {@code 2026-11-02T18:00:00Z}, which is the same point in time).
 */
final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonValues() {
    }

    /** A copy of {@code node} in which equal values have equal representations. */
    static JsonNode normalised(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), normalised(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(normalised(element)));
            return copy;
        }
        if (node.isNumber()) {
            return NODES.numberNode(node.decimalValue().stripTrailingZeros());
        }
        if (node.isTextual()) {
            return NODES.textNode(asInstantText(node.asText()));
        }
        return node;
    }

    private static String asInstantText(String text) {
        if (text.length() < 20 || text.charAt(10) != 'T') {
            return text;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
