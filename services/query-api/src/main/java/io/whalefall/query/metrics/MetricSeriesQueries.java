package io.whalefall.query.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.platform.api.Page;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.Where;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/** Finds series by metric and labels (label containment is served by the GIN index on labels). */
@ApplicationScoped
public class MetricSeriesQueries {

    private static final String COLUMNS = "series_id, metric, name, labels::text AS labels, histogram_bounds, "
            + "last_window_start";
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper mapper;

    public MetricSeriesQueries(Jdbc jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** A page of the series matching the filters (any metric when {@code metric} is null), by metric and name. */
    public Page<MetricSeries> page(String metric, LabelFilters filters, int page, int limit) {
        Where where = where(metric, filters);
        long offset = (long) (page - 1) * limit;
        List<MetricSeries> items = jdbc.list("SELECT " + COLUMNS + " FROM metric_series" + where.sql()
                + " ORDER BY metric, name LIMIT ? OFFSET ?", where.parametersAnd(limit, offset), this::map);
        long total = offset == 0 && items.size() < limit ? items.size()
                : jdbc.count("SELECT count(*) FROM metric_series" + where.sql(), where.parameters());
        return Page.of(items, total, page, limit);
    }

    /** Up to {@code limit} series of {@code metric} matching the filters, by name. */
    public List<MetricSeries> matching(String metric, LabelFilters filters, int limit) {
        Where where = where(metric, filters);
        return jdbc.list("SELECT " + COLUMNS + " FROM metric_series" + where.sql() + " ORDER BY metric, name LIMIT ?",
                where.parametersAnd(limit), this::map);
    }

    private Where where(String metric, LabelFilters filters) {
        Where where = new Where();
        if (metric != null) {
            where.and("metric = ?", metric);
        }
        if (!filters.isEmpty()) {
            where.and("labels @> ?::jsonb", json(filters));
        }
        return where;
    }

    private MetricSeries map(ResultSet rs) throws SQLException {
        try {
            return new MetricSeries(rs.getObject("series_id", UUID.class), rs.getString("metric"), rs.getString("name"),
                    mapper.readValue(rs.getString("labels"), LABELS), rs.getString("histogram_bounds"),
                    Rows.instant(rs, "last_window_start"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable labels of series " + rs.getString("series_id"), e);
        }
    }

    private String json(LabelFilters filters) {
        try {
            return mapper.writeValueAsString(filters.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write label filters", e);
        }
    }
}
