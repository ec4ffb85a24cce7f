package io.whalefall.query.api;

import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.platform.api.ApiException;
import io.whalefall.platform.api.FieldError;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns raw request parameters into typed values, collecting one error per faulty parameter so that a
 * client learns about every mistake at once ({@code 400 VALIDATION_ERROR} naming each parameter).
 */
public final class ParamReader {

    /** The DBMS types WhaleFall manages. */
    public static final Set<String> DB_TYPES = Set.of("mysql", "postgresql", "sqlserver", "oracle");

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    /** Control characters (NUL included, which PostgreSQL text cannot hold) are never a valid name. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_TEXT = 255;

    private final List<FieldError> errors = new ArrayList<>();

    /** Records an error for {@code name}. */
    public void reject(String name, String message) {
        if (errors.stream().noneMatch(e -> e.field().equals(name))) {
            errors.add(new FieldError(name, message));
        }
    }

    /** Whether {@code name} already has an error. */
    public boolean failed(String name) {
        return errors.stream().anyMatch(e -> e.field().equals(name));
    }

    /** Throws {@code 400 VALIDATION_ERROR} listing every error, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** An integer in {@code min..max}, or {@code fallback} when absent. */
    public Integer integer(String name, String raw, int min, int max, Integer fallback) {
        if (absent(raw)) {
            return fallback;
        }
        String value = raw.strip();
        if (!DIGITS.matcher(value).matches() || Long.parseLong(value) < min || Long.parseLong(value) > max) {
            reject(name, "must be an integer between " + min + " and " + max);
            return fallback;
        }
        return (int) Long.parseLong(value);
    }

    /** A positive 64-bit id, or null when absent. */
    public Long id(String name, String raw) {
        if (absent(raw)) {
            return null;
        }
        String value = raw.strip();
        if (!DIGITS.matcher(value).matches() || Long.parseLong(value) < 1) {
            reject(name, "must be a positive integer (at most 18 digits)");
            return null;
        }
        return Long.parseLong(value);
    }

    /** A positive amount of megabytes up to {@code max}, or null when absent. */
    public Long megabytes(String name, String raw, long max) {
        Long value = id(name, raw);
        if (value != null && value > max) {
            reject(name, "must be at most " + max);
            return null;
        }
        return value;
    }

    /** A calendar day written YYYY-MM-DD, or null when absent. */
    public LocalDate date(String name, String raw) {
        if (absent(raw)) {
            return null;
        }
        String value = raw.strip();
        if (DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeException e) {
                // a well-formed but impossible day such as 2026-02-30: reported below
            }
        }
        reject(name, "must be a date written YYYY-MM-DD");
        return null;
    }

    /** {@code true} or {@code false} (case-insensitive), or {@code fallback} when absent. */
    public boolean bool(String name, String raw, boolean fallback) {
        if (absent(raw)) {
            return fallback;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                reject(name, "must be true or false");
                yield fallback;
            }
        };
    }

    /** A period type (daily, weekly, monthly, quarterly), or {@code fallback} when absent. */
    public PeriodType periodType(String name, String raw, PeriodType fallback) {
        if (absent(raw)) {
            return fallback;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        for (PeriodType type : PeriodType.values()) {
            if (type.code().equals(value)) {
                return type;
            }
        }
        reject(name, "must be one of daily, weekly, monthly, quarterly");
        return fallback;
    }

    /** One of {@code allowed} (case-insensitive, returned in lower case), or {@code fallback} when absent. */
    public String oneOf(String name, String raw, List<String> allowed, String fallback) {
        if (absent(raw)) {
            return fallback;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (allowed.contains(value)) {
            return value;
        }
        reject(name, "must be one of " + String.join(", ", allowed));
        return fallback;
    }

    /**
     * DBMS types, given as repeated parameters and/or comma-separated ({@code db_type=mysql,oracle}); empty
     * when absent.
     */
    public List<String> dbTypes(String name, List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String part : raw.stream().filter(s -> s != null).flatMap(s -> Arrays.stream(s.split(",")))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList()) {
            if (!DB_TYPES.contains(part)) {
                reject(name, "each value must be one of " + DB_TYPES.stream().sorted().collect(Collectors.joining(", ")));
                return List.of();
            }
            types.add(part);
        }
        return List.copyOf(types);
    }

    /** A name (database, user) of 1–255 characters without control characters, or null when absent. */
    public String name(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.isBlank()) {
            reject(name, "must not be blank");
            return null;
        }
        if (raw.length() > MAX_TEXT || raw.codePointCount(0, raw.length()) > MAX_TEXT) {
            reject(name, "must be at most " + MAX_TEXT + " characters");
            return null;
        }
        if (CONTROL.matcher(raw).find()) {
            reject(name, "must not contain control characters");
            return null;
        }
        return raw;
    }

    /** A UUID, or null when it is malformed (an error is recorded). */
    public UUID uuid(String name, String raw) {
        if (!absent(raw)) {
            try {
                String value = raw.strip();
                UUID parsed = UUID.fromString(value);
                // UUID.fromString accepts short forms such as 1-1-1-1-1; only the canonical form is an id
                if (parsed.toString().equalsIgnoreCase(value)) {
                    return parsed;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        reject(name, "must be a UUID");
        return null;
    }

    /** Requires {@code condition}, else records {@code message} for {@code name}. */
    public void check(boolean condition, String name, String message) {
        if (!condition) {
            reject(name, message);
        }
    }

    private static boolean absent(String raw) {
        return raw == null || raw.isBlank();
    }
}
