package io.whalefall.sessions.state;

import java.time.Instant;
import java.util.List;

/**
 * A session's records, counted by status.
 *
 * @param total           records
 * @param completed       records completed
 * @param failed          records failed
 * @param skipped         records skipped
 * @param firstStartedAt  earliest start of a record's work, null when none is known
 * @param lastCompletedAt latest end of a record's work, null when none ended
 * @param failedNames     names of the first failed instances (by name), for the error message
 */
public record RecordCounts(int total, int completed, int failed, int skipped, Instant firstStartedAt,
        Instant lastCompletedAt, List<String> failedNames) {

    /** No records at all. */
    public static final RecordCounts NONE = new RecordCounts(0, 0, 0, 0, null, null, List.of());

    public RecordCounts {
        failedNames = failedNames == null ? List.of() : List.copyOf(failedNames);
    }

    /** Records whose work has ended, whatever the outcome. */
    public int ended() {
        return completed + failed + skipped;
    }
}
