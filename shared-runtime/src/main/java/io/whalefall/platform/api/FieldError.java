package io.whalefall.platform.api;

/**
 * One problem with one input field.
 *
 * @param field   where, e.g. {@code databases[3].size_mb} or {@code start_date}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
