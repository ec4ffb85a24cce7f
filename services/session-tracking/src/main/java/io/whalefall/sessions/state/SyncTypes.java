package io.whalefall.sessions.state;

import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.contracts.session.SyncType;

/** Maps a run's trigger to the WhaleFall sync type of its session. */
public final class SyncTypes {

    private SyncTypes() {
    }

    /** scheduled → scheduled_task, manual → manual_task, external → external. */
    public static SyncType of(Trigger trigger) {
        if (trigger == null) {
            return SyncType.EXTERNAL;
        }
        return switch (trigger) {
            case SCHEDULED -> SyncType.SCHEDULED_TASK;
            case MANUAL -> SyncType.MANUAL_TASK;
            case EXTERNAL -> SyncType.EXTERNAL;
        };
    }

    /**
     * The sync type of a trigger as sent in a rejected request, which may be the invalid part: anything that is
     * not a known trigger came from some other system, hence external.
     */
    public static SyncType ofCode(String trigger) {
        return of(Codes.lookup(Trigger.class, trigger == null ? "" : trigger.trim()).orElse(Trigger.EXTERNAL));
    }
}
