package io.whalefall.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Installs the fast RFC 3339 date-time (de)serializers in the ObjectMapper of REST bodies and bus payloads. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    /** Last of all customizers: of two modules with a deserializer for a type, the later registered wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("whalefall-rfc3339")
                .addDeserializer(OffsetDateTime.class, new Rfc3339OffsetDateTimeDeserializer())
                .addDeserializer(Instant.class, new Rfc3339InstantDeserializer())
                .addSerializer(Instant.class, new Rfc3339InstantSerializer()));
    }
}
