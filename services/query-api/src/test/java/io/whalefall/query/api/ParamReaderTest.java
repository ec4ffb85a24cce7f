package io.whalefall.query.api;

import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.api.FieldError;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Parameter parsing: strict formats, and every faulty parameter named at once. */
class ParamReaderTest {

    @Test
    void wellFormedValuesAreParsed() {
        ParamReader reader = new ParamReader();

        assertThat(reader.id("instance_id", " 42 ")).isEqualTo(42L);
        assertThat(reader.date("start_date", "2028-02-29")).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(reader.dbTypes("db_type", List.of("MySQL,oracle", "mysql"))).containsExactly("mysql", "oracle");
        assertThat(reader.name("database_name", "订单 ; DROP TABLE x")).isEqualTo("订单 ; DROP TABLE x");
        assertThat(reader.integer("limit", null, 1, 200, 20)).isEqualTo(20);
        reader.throwIfInvalid();
    }

    @Test
    void everyFaultyParameterIsReportedByName() {
        ParamReader reader = new ParamReader();
        reader.id("instance_id", "1 OR 1=1");
        reader.date("start_date", "2026-02-30");
        reader.integer("limit", "99999999999999999999", 1, 200, 20);
        reader.name("database_name", "a\u0000b");
        reader.uuid("id", "1-1-1-1-1");

        ApiException error = catchThrowableOfType(ApiException.class, reader::throwIfInvalid);

        @SuppressWarnings("unchecked")
        List<FieldError> errors = (List<FieldError>) error.context().get("errors");
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("instance_id", "start_date", "limit", "database_name", "id");
    }
}
