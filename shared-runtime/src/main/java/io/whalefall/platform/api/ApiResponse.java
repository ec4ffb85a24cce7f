package io.whalefall.platform.api;

import java.time.Instant;

/**
 * The WhaleFall success envelope (DESIGN §5).
 *
 * @param success   always true
 * @param error     always false
 * @param message   human-readable summary
 * @param timestamp when the response was built
 * @param data      the result
 * @param <T>       result type
 */
public record ApiResponse<T>(boolean success, boolean error, String message, Instant timestamp, T data) {

    /** A successful response. */
    public static <T> ApiResponse<T> ok(String message, T data) {
        return new ApiResponse<>(true, false, message, Instant.now(), data);
    }
}
