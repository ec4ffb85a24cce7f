package io.whalefall.query.forecast;

import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.query.QueryConfig;
import io.whalefall.query.calendar.Today;
import io.whalefall.query.capacity.InstanceInfo;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Forecasts growth from the daily aggregates of the read model. */
@ApplicationScoped
public class ForecastService {

    private static final String DATABASE_POINTS = """
            SELECT period_start, avg_size_mb FROM database_period
            WHERE instance_id = ? AND database_name = ? AND period_type = 'daily' AND period_start BETWEEN ? AND ?
            ORDER BY period_start
            """;
    private static final String INSTANCE_POINTS = """
            SELECT period_start, total_size_mb FROM instance_period
            WHERE instance_id = ? AND period_type = 'daily' AND period_start BETWEEN ? AND ?
            ORDER BY period_start
            """;

    private final Jdbc jdbc;
    private final Today today;
    private final int minPoints;

    public ForecastService(Jdbc jdbc, Today today, QueryConfig config) {
        this.jdbc = jdbc;
        this.today = today;
        this.minPoints = config.forecasts().minPoints();
    }

    /** Forecast of one database. */
    public Forecast database(long instanceId, String databaseName, int windowDays, Long thresholdMb) {
        Optional<Known> instance = instance(instanceId);
        boolean known = jdbc.count("SELECT count(*) FROM database_catalog WHERE instance_id = ? AND database_name = ?",
                List.of(instanceId, databaseName)) > 0;
        if (!known) {
            throw ApiException.notFound("Database " + databaseName + " on instance " + instanceId);
        }
        LocalDate end = today.date();
        LocalDate start = end.minusDays(windowDays - 1L);
        List<DailyPoint> points = jdbc.list(DATABASE_POINTS, List.of(instanceId, databaseName, start, end),
                rs -> new DailyPoint(Rows.date(rs, "period_start"), rs.getLong("avg_size_mb")));
        return forecast("database", instanceId, instance, databaseName, windowDays, start, end, points, thresholdMb);
    }

    /** Forecast of one instance's total size. */
    public Forecast instance(long instanceId, int windowDays, Long thresholdMb) {
        Optional<Known> instance = instance(instanceId);
        LocalDate end = today.date();
        LocalDate start = end.minusDays(windowDays - 1L);
        List<DailyPoint> points = jdbc.list(INSTANCE_POINTS, List.of(instanceId, start, end),
                rs -> new DailyPoint(Rows.date(rs, "period_start"), rs.getLong("total_size_mb")));
        if (instance.isEmpty() && points.isEmpty()) {
            throw ApiException.notFound("Instance " + instanceId);
        }
        return forecast("instance", instanceId, instance, null, windowDays, start, end, points, thresholdMb);
    }

    private Forecast forecast(String level, long instanceId, Optional<Known> instance, String databaseName,
            int windowDays, LocalDate start, LocalDate end, List<DailyPoint> points, Long thresholdMb) {
        Long capacity = instance.map(Known::capacityMb).orElse(null);
        Long threshold = thresholdMb != null ? thresholdMb : capacity;
        String source = thresholdMb != null ? "parameter" : capacity != null ? "instance_capacity" : null;
        Projection projection = Projection.of(points, start, end, threshold, minPoints);
        DailyPoint latest = points.isEmpty() ? null : points.get(points.size() - 1);
        InstanceInfo info = instance.map(Known::info).orElse(new InstanceInfo(instanceId, null, null));
        return new Forecast(level, info, databaseName, capacity, windowDays, start, end, points.size(), minPoints,
                latest == null ? null : latest.sizeMb(), latest == null ? null : latest.day(), threshold, source,
                projection.status(), projection.message(), projection.growthMbPerDay(), projection.rSquared(),
                projection.fitQuality(), projection.fittedSizeMbToday(), projection.daysUntilThreshold(),
                projection.projectedDate());
    }

    private Optional<Known> instance(long instanceId) {
        return jdbc.first("SELECT name, db_type, capacity_mb FROM instance WHERE instance_id = ?", List.of(instanceId),
                rs -> new Known(new InstanceInfo(instanceId, rs.getString("name"), rs.getString("db_type")),
                        Rows.nullableLong(rs, "capacity_mb")));
    }

    /** An instance the read model knows, with its capacity. */
    private record Known(InstanceInfo info, Long capacityMb) {
    }
}
