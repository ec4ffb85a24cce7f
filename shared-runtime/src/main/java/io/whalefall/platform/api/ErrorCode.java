package io.whalefall.platform.api;

/**
 * The {@code message_code} values of the WhaleFall error envelope, with their HTTP status and how the
 * envelope classifies them.
 */
public enum ErrorCode {
    VALIDATION_ERROR(400, "validation", "low", true, "Correct the named fields and send the request again."),
    INVALID_REQUEST(400, "request", "low", true, "Check the request format against the API documentation (/q/openapi)."),
    RESOURCE_NOT_FOUND(404, "request", "low", false, "Check the identifier; the resource does not exist."),
    AUTHENTICATION_REQUIRED(401, "security", "medium", true, "Log in, or send HTTP Basic credentials or a bearer token."),
    PERMISSION_DENIED(403, "security", "medium", false, "Ask an administrator for a role that allows this action."),
    CSRF_MISSING(403, "security", "medium", true, "Reload the page to obtain a CSRF token and send it in the X-CSRF-Token header."),
    CSRF_INVALID(403, "security", "medium", true, "Reload the page: the CSRF token does not match your session."),
    RATE_LIMIT_EXCEEDED(429, "request", "low", true, "Wait a moment before sending more requests."),
    TASK_EXECUTION_FAILED(500, "business", "high", true, "Look at the task's session for the cause, then retry."),
    DATABASE_QUERY_ERROR(503, "database", "high", true, "The database is unavailable or failed; retry shortly."),
    INTERNAL_ERROR(500, "system", "critical", true, "Retry; if it persists, report the error_id to the operators.");

    private final int status;
    private final String category;
    private final String severity;
    private final boolean recoverable;
    private final String suggestion;

    ErrorCode(int status, String category, String severity, boolean recoverable, String suggestion) {
        this.status = status;
        this.category = category;
        this.severity = severity;
        this.recoverable = recoverable;
        this.suggestion = suggestion;
    }

    public int status() {
        return status;
    }

    public String category() {
        return category;
    }

    public String severity() {
        return severity;
    }

    public boolean recoverable() {
        return recoverable;
    }

    public String suggestion() {
        return suggestion;
    }
}
