package io.whalefall.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The published contract files of this module, read from {@code src/main/resources} (the source of truth; a
 * stale copy in {@code target/classes} must not hide a missing or extra file).
 */
final class ContractFiles {

    /** Base of every schema {@code $id}: a schema's id is its path in the artifact under this prefix. */
    static final String BASE_URI = "https://whalefall.io/contracts/v1/";
    /** Root of the artifact's resources; Surefire runs with the module directory as working directory. */
    static final Path ROOT = Path.of("src", "main", "resources").toAbsolutePath();
    static final Path SCHEMAS = ROOT.resolve("schemas");
    static final Path COMMON_SCHEMAS = SCHEMAS.resolve("common");
    static final Path EXAMPLES = ROOT.resolve("examples");
    static final Path ASYNCAPI = ROOT.resolve("asyncapi.yaml");
    static final String ENVELOPE_SCHEMA = "Envelope.schema.json";

    /** Reads the files as they are: floats as BigDecimal, so 12.30 is not rounded through a double. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ContractFiles() {
    }

    /** File name of the payload schema of {@code type}. */
    static String schemaFileName(MessageType type) {
        return type.typeName() + ".schema.json";
    }

    /** File name of the golden example of {@code type}. */
    static String exampleFileName(MessageType type) {
        return type.typeName() + ".json";
    }

    /** The golden example (a full envelope) of {@code type}. */
    static JsonNode example(MessageType type) {
        return read(EXAMPLES.resolve(exampleFileName(type)));
    }

    /** The AsyncAPI document as a tree. */
    static JsonNode asyncApi() {
        return read(ASYNCAPI);
    }

    /** Parses a JSON or YAML file (by its extension). */
    static JsonNode read(Path file) {
        try {
            String name = file.getFileName().toString();
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Parses a JSON text. */
    static JsonNode parseJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + json, e);
        }
    }

    /** Names of the entries (files and folders) directly inside {@code dir}, sorted. */
    static List<String> entries(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** Every schema file, payload and common ones. */
    static List<Path> allSchemaFiles() {
        try (Stream<Path> walk = Files.walk(SCHEMAS)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + SCHEMAS, e);
        }
    }

    /** Visits {@code node} and every node below it. */
    static void walk(JsonNode node, Consumer<JsonNode> visitor) {
        visitor.accept(node);
        node.forEach(child -> walk(child, visitor));
    }

    /**
     * The {@code $ref}s of {@code document} that do not resolve: relative file references are resolved against the
     * document's folder (which is what its {@code $id} or place in the artifact means), must stay inside the
     * artifact, and their fragment must point at an existing node.
     */
    static List<String> unresolvableRefs(Path document) {
        JsonNode root = read(document);
        List<String> problems = new ArrayList<>();
        for (String ref : refs(root)) {
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            JsonNode target = root;
            if (!file.isEmpty()) {
                if (URI.create(file).isAbsolute()) {
                    problems.add(ref + ": absolute; a reader would need the network to follow it");
                    continue;
                }
                Path targetFile = document.getParent().resolve(file).normalize();
                if (!targetFile.startsWith(ROOT) || !Files.isRegularFile(targetFile)) {
                    problems.add(ref + ": no file " + targetFile + " in the artifact");
                    continue;
                }
                target = read(targetFile);
            }
            if (!pointer.isEmpty() && target.at(pointer).isMissingNode()) {
                problems.add(ref + ": nothing at " + pointer);
            }
        }
        return problems;
    }

    /** Every {@code $ref} value anywhere in {@code node}. */
    static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        walk(node, n -> {
            JsonNode ref = n.get("$ref");
            if (n.isObject() && ref != null && ref.isTextual()) {
                refs.add(ref.asText());
            }
        });
        return refs;
    }
}
