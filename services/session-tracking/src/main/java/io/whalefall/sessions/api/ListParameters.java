package io.whalefall.sessions.api;

import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.contracts.session.SyncType;
import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.api.FieldError;
import io.whalefall.sessions.state.Codes;
import io.whalefall.sessions.store.SessionFilter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The list endpoint's query parameters, read as text and validated here (JAX-RS conversion failures would
 * answer 404): every faulty parameter is reported by name in one 400 response. Blank means absent.
 */
final class ListParameters {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;
    /** The only category this service records. */
    static final String CATEGORY = "aggregation";

    private final List<FieldError> errors = new ArrayList<>();

    private ListParameters() {
    }

    /**
     * Builds the filter, reading dates as whole days in {@code zone}.
     *
     * @throws ApiException VALIDATION_ERROR naming each faulty parameter
     */
    static SessionFilter parse(String status, String syncType, String syncCategory, String startDate, String endDate,
            String page, String limit, ZoneId zone) {
        ListParameters parameters = new ListParameters();
        SessionStatus statusValue = parameters.code("status", status, SessionStatus.class);
        SyncType syncTypeValue = parameters.code("sync_type", syncType, SyncType.class);
        String category = parameters.category(syncCategory);
        LocalDate start = parameters.date("start_date", startDate);
        LocalDate end = parameters.date("end_date", endDate);
        if (start != null && end != null && start.isAfter(end)) {
            parameters.errors.add(new FieldError("start_date", "must not be after end_date (" + end + ")"));
        }
        int pageValue = parameters.integer("page", page, 1, Integer.MAX_VALUE, 1);
        int limitValue = parameters.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (!parameters.errors.isEmpty()) {
            throw ApiException.validation(parameters.errors);
        }
        Instant from = start == null ? null : start.atStartOfDay(zone).toInstant();
        Instant until = end == null ? null : end.plusDays(1).atStartOfDay(zone).toInstant();
        return new SessionFilter(statusValue, syncTypeValue, category, from, until, pageValue, limitValue);
    }

    private <E extends Enum<E>> E code(String name, String value, Class<E> type) {
        if (isBlank(value)) {
            return null;
        }
        Optional<E> parsed = Codes.lookup(type, value.trim());
        if (parsed.isEmpty()) {
            errors.add(new FieldError(name, "must be one of " + Codes.list(type)));
        }
        return parsed.orElse(null);
    }

    private String category(String value) {
        if (isBlank(value)) {
            return null;
        }
        if (!CATEGORY.equals(value.trim())) {
            errors.add(new FieldError("sync_category", "must be " + CATEGORY));
            return null;
        }
        return CATEGORY;
    }

    private LocalDate date(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            // beyond four-digit years the day arithmetic of the filter would overflow
            if (date.getYear() >= 1 && date.getYear() <= 9999) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a date as YYYY-MM-DD"));
        return null;
    }

    private int integer(String name, String value, int min, int max, int fallback) {
        if (isBlank(value)) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        errors.add(new FieldError(name, max == Integer.MAX_VALUE ? "must be an integer of at least " + min
                : "must be an integer from " + min + " to " + max));
        return fallback;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
