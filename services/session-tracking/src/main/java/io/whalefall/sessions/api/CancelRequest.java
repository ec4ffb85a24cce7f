package io.whalefall.sessions.api;

import jakarta.validation.constraints.Size;

/**
 * Optional body of the cancel action.
 *
 * @param reason why the run is cancelled, shown on the session
 */
public record CancelRequest(@Size(max = 500) String reason) {
}
