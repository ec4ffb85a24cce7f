package io.whalefall.contracts;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden examples are valid for a second, independent validator that, like JavaScript and Python consumers,
 * reads every JSON number as a double (Vert.x JSON Schema, draft 2020-12). {@link GoldenExamplesTest} validates
 * with decimal arithmetic, which hides rules that double-based validators apply differently — a
 * {@code multipleOf: 0.01} rejected about one two-decimal value in seven (4.97 / 0.01 = 496.99999999999994).
 */
class DoubleBasedValidatorTest {

    private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri(ContractFiles.BASE_URI);
    private static final SchemaRepository SCHEMAS = repository();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theGoldenEnvelopeAndItsPayloadAreValid(MessageType type) {
        JsonObject example = new JsonObject(ContractFiles.example(type).toString());

        assertThat(errors("schemas/" + ContractFiles.ENVELOPE_SCHEMA, example)).isEmpty();
        assertThat(errors("schemas/" + ContractFiles.schemaFileName(type), example.getJsonObject("payload")))
                .isEmpty();
    }

    @Test
    void everyTwoDecimalPercentageIsValid() {
        List<String> rejected = new ArrayList<>();
        for (int hundredths = -10_000; hundredths <= 10_000; hundredths++) {
            double percent = hundredths / 100.0;
            if (!errors("schemas/common/Types.schema.json#/$defs/Percent", percent).isEmpty()) {
                rejected.add(Double.toString(percent));
            }
        }
        assertThat(rejected).isEmpty();
    }

    @Test
    void noSchemaAsksForAFractionalMultipleThatDoublesCannotHonour() {
        List<String> problems = new ArrayList<>();
        for (Path file : ContractFiles.allSchemaFiles()) {
            ContractFiles.walk(ContractFiles.read(file), node -> {
                if (node.has("multipleOf") && !node.get("multipleOf").canConvertToExactIntegral()) {
                    problems.add(ContractFiles.SCHEMAS.relativize(file) + ": multipleOf " + node.get("multipleOf"));
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> errors(String schemaPath, Object instance) {
        OutputUnit result = SCHEMAS.validator(ContractFiles.BASE_URI + schemaPath).validate(instance);
        if (Boolean.TRUE.equals(result.getValid())) {
            return List.of();
        }
        List<OutputUnit> units = result.getErrors() == null ? List.of(result) : result.getErrors();
        return units.stream().map(u -> u.getInstanceLocation() + ": " + u.getError()).toList();
    }

    /** Every published schema, registered under its {@code $id} so that cross-file {@code $ref}s resolve offline. */
    private static SchemaRepository repository() {
        SchemaRepository repository = SchemaRepository.create(OPTIONS);
        for (Path file : ContractFiles.allSchemaFiles()) {
            try {
                JsonObject schema = new JsonObject(Files.readString(file));
                repository.dereference(schema.getString("$id"), JsonSchema.of(schema));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return repository;
    }
}
