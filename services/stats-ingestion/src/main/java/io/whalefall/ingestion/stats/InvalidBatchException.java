package io.whalefall.ingestion.stats;

import io.whalefall.platform.api.FieldError;

import java.util.List;

/** A batch with invalid rows; nothing of it is stored. */
public class InvalidBatchException extends RuntimeException {

    private final transient List<FieldError> errors;
    private final int totalErrors;

    public InvalidBatchException(List<FieldError> errors, int totalErrors) {
        super(summary(errors, totalErrors));
        this.errors = List.copyOf(errors);
        this.totalErrors = totalErrors;
    }

    /** The reported field errors (at most the configured number). */
    public List<FieldError> errors() {
        return errors;
    }

    /** How many errors the batch had in all. */
    public int totalErrors() {
        return totalErrors;
    }

    private static String summary(List<FieldError> errors, int total) {
        FieldError first = errors.get(0);
        return total == 1 ? first.field() + ": " + first.message()
                : total + " invalid fields, first " + first.field() + ": " + first.message();
    }
}
