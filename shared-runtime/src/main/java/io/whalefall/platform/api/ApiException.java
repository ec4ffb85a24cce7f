package io.whalefall.platform.api;

import java.util.List;
import java.util.Map;

/** A request that cannot be served, answered with the WhaleFall error envelope. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> context;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> context) {
        super(message);
        this.code = code;
        this.context = context;
    }

    /** A validation failure naming each faulty field. */
    public static ApiException validation(List<FieldError> errors) {
        String message = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " invalid fields, first " + errors.get(0).field() + ": " + errors.get(0).message();
        return new ApiException(ErrorCode.VALIDATION_ERROR, message, Map.of("errors", errors));
    }

    /** A validation failure of one field. */
    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    /** A missing resource. */
    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, what + " not found");
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> context() {
        return context;
    }
}
