package io.whalefall.platform.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The WhaleFall error envelope (DESIGN §5).
 *
 * @param success     always false
 * @param error       always true
 * @param errorId     id to find this error in the logs
 * @param category    validation, request, security, business, database or system
 * @param severity    low, medium, high or critical
 * @param messageCode machine-readable code
 * @param message     human-readable message
 * @param timestamp   when it happened
 * @param recoverable whether retrying (after correcting) can succeed
 * @param suggestions what to do about it
 * @param context     details, such as the fields that failed validation
 */
public record ErrorResponse(
        boolean success,
        boolean error,
        String errorId,
        String category,
        String severity,
        String messageCode,
        String message,
        Instant timestamp,
        boolean recoverable,
        List<String> suggestions,
        Map<String, Object> context) {

    /** Builds the envelope for a code, with a fresh error id. */
    public static ErrorResponse of(ErrorCode code, String message, Map<String, Object> context) {
        return new ErrorResponse(false, true, UUID.randomUUID().toString(), code.category(), code.severity(),
                code.name(), message, Instant.now(), code.recoverable(), List.of(code.suggestion()),
                context == null ? Map.of() : context);
    }
}
