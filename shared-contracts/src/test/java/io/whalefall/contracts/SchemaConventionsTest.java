package io.whalefall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schemas are documentation for people in other teams: every object is closed (a misspelt field is an error,
 * not silently ignored), every property says what it means, and every required name is a defined property.
 */
class SchemaConventionsTest {

    @Test
    void everyObjectSchemaIsClosed() {
        assertThat(objectSchemaProblems(SchemaConventionsTest::openness)).isEmpty();
    }

    @Test
    void everyPropertyIsDescribed() {
        assertThat(objectSchemaProblems(SchemaConventionsTest::undescribedProperties)).isEmpty();
    }

    @Test
    void everyRequiredNameIsADefinedProperty() {
        assertThat(objectSchemaProblems(SchemaConventionsTest::undefinedRequiredNames)).isEmpty();
    }

    private static List<String> openness(JsonNode schema) {
        return schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()
                ? List.of() : List.of("additionalProperties is not false");
    }

    private static List<String> undescribedProperties(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        schema.get("properties").properties().forEach(property -> {
            if (property.getValue().path("description").asText().isBlank()) {
                problems.add("property " + property.getKey() + " has no description");
            }
        });
        return problems;
    }

    private static List<String> undefinedRequiredNames(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        schema.path("required").forEach(name -> {
            if (!schema.get("properties").has(name.asText())) {
                problems.add("required " + name.asText() + " is not a property");
            }
        });
        return problems;
    }

    /**
     * Applies {@code check} to every object schema with properties in every schema file. Subschemas without a
     * type (the branches of anyOf and if/then that only tighten the properties of their parent) are not objects
     * of their own and are left out.
     */
    private static List<String> objectSchemaProblems(Function<JsonNode, List<String>> check) {
        List<String> problems = new ArrayList<>();
        for (Path file : ContractFiles.allSchemaFiles()) {
            ContractFiles.walk(ContractFiles.read(file), node -> {
                if (node.isObject() && node.path("properties").isObject() && isObjectType(node.get("type"))) {
                    check.apply(node).forEach(problem -> problems.add(file.getFileName() + " "
                            + node.path("title").asText(node.path("description").asText()) + ": " + problem));
                }
            });
        }
        return problems;
    }

    private static boolean isObjectType(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("object".equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "object".equals(type.asText());
    }
}
