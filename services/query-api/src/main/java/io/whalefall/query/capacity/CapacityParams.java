package io.whalefall.query.capacity;

import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.query.api.ParamReader;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.LocalDate;
import java.util.List;

/** The filter parameters of the capacity endpoints, as sent; {@link #read} validates them. */
public class CapacityParams {

    @QueryParam("instance_id")
    @Parameter(description = "Only this instance (positive integer).")
    String instanceId;

    @QueryParam("db_type")
    @Parameter(description = "Only instances of these types: mysql, postgresql, sqlserver, oracle. Repeat the "
            + "parameter or separate values with commas for several.")
    List<String> dbType;

    @QueryParam("database_name")
    @Parameter(description = "Only this database (exact name, up to 255 characters). On instance endpoints: only "
            + "instances that have hosted a database of that name.")
    String databaseName;

    @QueryParam("period_type")
    @Parameter(description = "daily, weekly, monthly or quarterly.")
    String periodType;

    @QueryParam("start_date")
    @Parameter(description = "Periods starting on or after this day (YYYY-MM-DD).")
    String startDate;

    @QueryParam("end_date")
    @Parameter(description = "Periods ending on or before this day (YYYY-MM-DD).")
    String endDate;

    @QueryParam("time_range")
    @Parameter(description = "When neither start_date nor end_date is given: periods starting within the last N days "
            + "(today included, in the aggregation zone), 1 to 3650.")
    String timeRange;

    /**
     * Validates the parameters into a filter, recording errors in {@code reader}.
     *
     * @param today        today in the aggregation zone, the end of {@code time_range}
     * @param maxTimeRange largest {@code time_range} accepted
     * @param defaultType  the period type when none is given (null: all types)
     */
    public CapacityFilter read(ParamReader reader, LocalDate today, int maxTimeRange, PeriodType defaultType) {
        return read(reader, today, maxTimeRange, defaultType, null);
    }

    /**
     * Validates the parameters into a filter, recording errors in {@code reader}.
     *
     * @param today           today in the aggregation zone, the end of {@code time_range}
     * @param maxTimeRange    largest {@code time_range} accepted
     * @param defaultType     the period type when none is given (null: all types)
     * @param defaultLastDays the {@code time_range} applied when neither it nor a date is given (null: none)
     */
    public CapacityFilter read(ParamReader reader, LocalDate today, int maxTimeRange, PeriodType defaultType,
            Integer defaultLastDays) {
        Long instance = reader.id("instance_id", instanceId);
        List<String> types = reader.dbTypes("db_type", dbType);
        String database = reader.name("database_name", databaseName);
        PeriodType period = reader.periodType("period_type", periodType, defaultType);
        LocalDate start = reader.date("start_date", startDate);
        LocalDate end = reader.date("end_date", endDate);
        Integer lastDays = reader.integer("time_range", timeRange, 1, maxTimeRange, defaultLastDays);
        if (start != null && end != null) {
            reader.check(!start.isAfter(end), "start_date", "must not be after end_date (" + end + ")");
        }
        boolean datesGiven = start != null || end != null || reader.failed("start_date") || reader.failed("end_date");
        if (lastDays != null && !datesGiven) {
            start = today.minusDays(lastDays - 1L);
        }
        return new CapacityFilter(instance, types, database, period, start, end);
    }
}
