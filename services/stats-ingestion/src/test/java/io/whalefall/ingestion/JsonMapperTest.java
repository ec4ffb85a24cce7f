package io.whalefall.ingestion;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.platform.json.Rfc3339OffsetDateTimeDeserializer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapper that binds REST bodies and bus payloads reads date-times on the fast RFC 3339 path. */
@QuarkusTest
@IngestionTestResource
class JsonMapperTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void offsetDateTimesAreReadByTheRfc3339Deserializer() throws Exception {
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(mapper.constructType(OffsetDateTime.class)))
                .isInstanceOf(Rfc3339OffsetDateTimeDeserializer.class);
    }
}
