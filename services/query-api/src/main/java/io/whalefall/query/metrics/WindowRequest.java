package io.whalefall.query.metrics;

import java.time.Instant;

/**
 * A window query as the client wrote it, each parameter checked on its own.
 *
 * @param metric    the metric name
 * @param filters   the label filters
 * @param grouping  how series are grouped
 * @param from      start of the range, or null for {@code to} minus the default range
 * @param to        end of the range, or null for now
 * @param windows   the windows asked for
 * @param functions the statistics asked for
 */
public record WindowRequest(String metric, LabelFilters filters, Grouping grouping, Instant from, Instant to,
        WindowSpec windows, FunctionSet functions) {
}
