package io.whalefall.query.trend;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.whalefall.query.capacity.InstanceInfo;

import java.util.List;

/**
 * One series of a chart, aligned with the chart's labels.
 *
 * @param label        legend text: "instance / database", or the instance name
 * @param instance     the instance
 * @param databaseName the database (database series only)
 * @param rankValue    the value the series was ranked by (size or growth, MB)
 * @param data         one value per label; null where the series has no aggregate for that period
 */
public record TrendDataset(
        String label,
        InstanceInfo instance,
        @JsonInclude(JsonInclude.Include.NON_NULL) String databaseName,
        Long rankValue,
        List<Long> data) {
}
