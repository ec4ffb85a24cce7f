package io.whalefall.query.capacity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where a summary's figures came from, so a reader can judge them.
 *
 * @param readModel          the read-model table
 * @param basis              which rows the totals are taken from
 * @param growthBasis        {@code window}: total now against the total at the start of the selection;
 *                           {@code previous_period}: the latest periods against their previous periods (the
 *                           selection holds one period); {@code none}: nothing to compare with
 * @param baselineSizeMb     the total the growth is measured against
 * @param rowsConsidered     aggregate rows matching the filters
 * @param periods            distinct periods among them
 * @param firstPeriodStart   earliest period start among them
 * @param lastPeriodStart    latest period start among them
 * @param latestCalculatedAt when the newest of them was computed
 * @param latestComplete     whether every latest period has ended (false: figures of a running period)
 */
public record SummarySource(
        String readModel,
        String basis,
        String growthBasis,
        long baselineSizeMb,
        long rowsConsidered,
        long periods,
        LocalDate firstPeriodStart,
        LocalDate lastPeriodStart,
        Instant latestCalculatedAt,
        Boolean latestComplete) {
}
