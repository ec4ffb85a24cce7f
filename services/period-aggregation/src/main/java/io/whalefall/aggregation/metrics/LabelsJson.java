package io.whalefall.aggregation.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.windows.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes a series' labels as the JSON object stored in {@code jsonb} columns (keys sorted). */
@ApplicationScoped
public class LabelsJson {

    private final ObjectMapper json;

    public LabelsJson(ObjectMapper json) {
        this.json = json;
    }

    /** The labels of {@code series} as a JSON object. */
    public String of(SeriesKey series) {
        try {
            return json.writeValueAsString(series.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the labels of " + series.canonical(), e);
        }
    }
}
