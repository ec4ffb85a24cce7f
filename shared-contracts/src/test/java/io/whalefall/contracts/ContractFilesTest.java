package io.whalefall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message type has exactly one schema and one golden example, and nothing else lingers beside them. */
class ContractFilesTest {

    @Test
    void everyMessageTypeHasAPayloadSchemaAndNothingElseLingers() {
        List<String> expected = Stream.concat(Stream.of(ContractFiles.ENVELOPE_SCHEMA, "common"),
                Arrays.stream(MessageType.values()).map(ContractFiles::schemaFileName)).sorted().toList();

        assertThat(ContractFiles.entries(ContractFiles.SCHEMAS)).containsExactlyElementsOf(expected);
    }

    @Test
    void everyMessageTypeHasAGoldenExampleAndNothingElseLingers() {
        List<String> expected = Arrays.stream(MessageType.values()).map(ContractFiles::exampleFileName).sorted().toList();

        assertThat(ContractFiles.entries(ContractFiles.EXAMPLES)).containsExactlyElementsOf(expected);
    }

    @Test
    void theEnvelopeAcceptsExactlyTheMessageTypes() {
        List<String> types = new ArrayList<>();
        ContractFiles.read(ContractFiles.SCHEMAS.resolve(ContractFiles.ENVELOPE_SCHEMA)).at("/properties/type/enum")
                .forEach(type -> types.add(type.asText()));

        assertThat(types).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(MessageType.values()).map(MessageType::typeName).toList());
    }

    @Test
    void everyCommonSchemaIsUsedByAnotherSchema() {
        Set<Path> referenced = new HashSet<>();
        for (Path schema : ContractFiles.allSchemaFiles()) {
            for (String ref : ContractFiles.refs(ContractFiles.read(schema))) {
                String file = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
                if (!file.isEmpty()) {
                    referenced.add(schema.getParent().resolve(file).normalize());
                }
            }
        }

        assertThat(ContractFiles.entries(ContractFiles.COMMON_SCHEMAS))
                .allSatisfy(name -> assertThat(referenced).as("schemas referring to common/%s", name)
                        .contains(ContractFiles.COMMON_SCHEMAS.resolve(name)));
    }

    @Test
    void everySchemaIsADraft202012SchemaIdentifiedByItsPlaceInTheArtifact() {
        assertThat(ContractFiles.allSchemaFiles()).allSatisfy(file -> {
            JsonNode schema = ContractFiles.read(file);
            String path = ContractFiles.ROOT.relativize(file).toString().replace('\\', '/');
            assertThat(schema.path("$schema").asText()).as("$schema of %s", path)
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as("$id of %s", path).isEqualTo(ContractFiles.BASE_URI + path);
            assertThat(schema.path("title").asText()).as("title of %s", path).isNotBlank();
            assertThat(schema.path("description").asText()).as("description of %s", path).isNotBlank();
        });
    }

    @Test
    void everySchemaReferenceResolvesInsideTheArtifact() {
        assertThat(ContractFiles.allSchemaFiles()).allSatisfy(file ->
                assertThat(ContractFiles.unresolvableRefs(file)).as("unresolvable $refs of %s", file).isEmpty());
    }
}
