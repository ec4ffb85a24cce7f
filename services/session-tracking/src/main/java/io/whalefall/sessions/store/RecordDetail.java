package io.whalefall.sessions.store;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.whalefall.contracts.aggregation.PeriodSummary;
import io.whalefall.contracts.session.SessionRecord;

import java.util.List;

/**
 * A record as the API shows it: the snapshot's record (with its period counts) plus what the snapshot leaves
 * out, the period-by-period details.
 *
 * @param record      the record's fields, inline
 * @param syncDetails per period: type, start, end, rows, revision, skipped; empty until the instance ended
 */
public record RecordDetail(@JsonUnwrapped SessionRecord record, List<PeriodSummary> syncDetails) {
}
