package io.whalefall.sessions.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Reads and writes the {@code jsonb} columns: the periods of a run and a record's per-period details. Only the
 * API reads the details; snapshots use the counts PostgreSQL derives from them.
 */
@ApplicationScoped
class JsonColumns {

    private static final TypeReference<List<PeriodRef>> PERIODS = new TypeReference<>() {
    };
    private static final TypeReference<List<PeriodSummary>> DETAILS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    JsonColumns(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(List<?> values) {
        try {
            return mapper.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + values, e);
        }
    }

    List<PeriodRef> periods(String json) {
        return read(json, PERIODS);
    }

    List<PeriodSummary> details(String json) {
        return read(json, DETAILS);
    }

    private <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return List.of();
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not " + type.getType() + ": " + json, e);
        }
    }
}
