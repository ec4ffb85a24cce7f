package io.whalefall.query.capacity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** WhaleFall's change-in-% rule: relative to the baseline, two decimals, 0 when there is no baseline. */
public final class Percent {

    private Percent() {
    }

    /** {@code (current − baseline) × 100 / baseline}, rounded half up to two decimals; 0 when baseline ≤ 0. */
    public static BigDecimal change(long current, long baseline) {
        if (baseline <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(current - baseline).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(baseline), 2, RoundingMode.HALF_UP);
    }

    /** {@code total / count} with two decimals; 0 when count is 0. */
    public static BigDecimal ratio(long total, long count) {
        if (count == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
