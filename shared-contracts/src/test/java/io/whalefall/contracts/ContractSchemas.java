package io.whalefall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;

/**
 * Validates JSON against the published schemas the way another system would: draft 2020-12 with format
 * assertions on, every {@code $id} under {@link ContractFiles#BASE_URI} resolved to this module's files (no
 * network).
 */
final class ContractSchemas {

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            // 2020-12 treats format as an annotation by default; the contract means it (uuid, date, date-time)
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ContractFiles.BASE_URI,
                    ContractFiles.ROOT.toUri().toString())));

    private ContractSchemas() {
    }

    /** The schema published at {@code path} (relative to the artifact root, e.g. {@code schemas/X.schema.json}). */
    static JsonSchema published(String path) {
        return FACTORY.getSchema(SchemaLocation.of(ContractFiles.BASE_URI + path), CONFIG);
    }

    /** The schema of {@code type}'s payload. */
    static JsonSchema payloadSchema(MessageType type) {
        return published("schemas/" + ContractFiles.schemaFileName(type));
    }

    /** The envelope schema. */
    static JsonSchema envelopeSchema() {
        return published("schemas/" + ContractFiles.ENVELOPE_SCHEMA);
    }

    /**
     * A schema written inline in the document at {@code documentPath} (the AsyncAPI document's message payloads),
     * its relative {@code $ref}s resolved against that document's place in the artifact.
     */
    static JsonSchema inline(JsonNode schema, String documentPath) {
        return FACTORY.getSchema(SchemaLocation.of(ContractFiles.BASE_URI + documentPath), schema, CONFIG);
    }

    /** The validation errors of {@code json}, as readable lines; empty when it is valid. */
    static List<String> errors(JsonSchema schema, JsonNode json) {
        return schema.validate(json).stream().map(ValidationMessage::toString).sorted().toList();
    }
}
