package io.whalefall.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whalefall.tools.Http;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of a run: a table on the terminal and a JSON document for tracking over time. */
final class Report {

    private final ObjectNode json = Http.JSON.createObjectNode();
    private final List<String[]> rows = new ArrayList<>();

    Report(BenchSettings settings) {
        json.put("started_at", Instant.now().toString());
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB max heap (benchmark JVM)");
        ObjectNode workload = json.putObject("workload");
        workload.put("instances", settings.instances());
        workload.put("databases_per_instance", settings.databases());
        workload.put("days", settings.days());
        workload.put("samples", settings.samples());
        workload.put("rest_clients", settings.restClients());
        workload.put("batch_size", settings.batchSize());
        workload.put("query_clients", settings.queryClients());
        workload.put("metric_series", settings.metricInstances() * settings.metricDatabases());
        workload.put("metric_minutes", settings.metricMinutes());
    }

    void memoryAtRest(Map<String, Long> rss) {
        json.set("memory_at_rest_mb", Http.JSON.valueToTree(rss));
    }

    void memoryAtEnd(Map<String, Long> rss) {
        json.set("memory_at_end_mb", Http.JSON.valueToTree(rss));
        rows.add(new String[] {"memory at rest (MB RSS)", json.path("memory_at_rest_mb").toString(), "", "", ""});
    }

    void ingestion(long samples, double acceptedSeconds, double totalSeconds, double copySeconds, double floorSeconds,
            Map<String, Long> peak) {
        double rate = samples / totalSeconds;
        double copyRate = samples / copySeconds;
        double floorRate = samples / floorSeconds;
        ObjectNode node = json.putObject("ingestion");
        node.put("samples", samples);
        node.put("accepted_seconds", acceptedSeconds);
        node.put("stored_and_folded_seconds", totalSeconds);
        node.put("samples_per_second", rate);
        node.put("copy_seconds", copySeconds);
        node.put("copy_samples_per_second", copyRate);
        node.put("ratio_to_copy", rate / copyRate);
        node.put("sql_floor_seconds", floorSeconds);
        node.put("sql_floor_samples_per_second", floorRate);
        node.put("ratio_to_sql_floor", rate / floorRate);
        node.set("peak_memory_mb", Http.JSON.valueToTree(peak));
        rows.add(new String[] {"ingestion throughput (samples/s)", fmt("%,.0f", rate), "COPY " + fmt("%,.0f", copyRate),
                fmt("%.0f %%", 100 * rate / copyRate), ">= 50 %"});
        rows.add(new String[] {"  SQL floor: store + daily fold in SQL", fmt("%,.0f", floorRate) + fmt(" (%.0f %% of COPY)",
                100 * floorRate / copyRate), "", fmt("%.0f %%", 100 * rate / floorRate), ""});
        rows.add(new String[] {"  peak memory during ingestion (MB)", peak.toString(), "", "", ""});
    }

    void backfill(double sessionSeconds, double readModelSeconds, double sqlSeconds, long databaseRows, long sqlRows,
            Map<String, Long> peak) {
        ObjectNode node = json.putObject("backfill");
        node.put("session_completed_seconds", sessionSeconds);
        node.put("read_model_caught_up_seconds", readModelSeconds);
        node.put("database_rows", databaseRows);
        node.put("sql_group_by_seconds", sqlSeconds);
        node.put("sql_group_by_database_rows", sqlRows);
        node.put("sql_time_over_backfill_time", sqlSeconds / sessionSeconds);
        node.set("peak_memory_mb", Http.JSON.valueToTree(peak));
        rows.add(new String[] {"backfill, session completed (s)", fmt("%.1f", sessionSeconds),
                "SQL GROUP BY " + fmt("%.1f", sqlSeconds), fmt("%.2fx", sqlSeconds / sessionSeconds), "<= SQL time"});
        rows.add(new String[] {"  ... and query-api caught up (s)", fmt("%.1f", readModelSeconds), "", "", ""});
        rows.add(new String[] {"  peak memory during backfill (MB)", peak.toString(), "", "", ""});
    }

    void scaleOut(double oneSeconds, Map<String, Long> oneSplit, double twoSeconds, Map<String, Long> twoSplit,
            long itemsCompleted, long wrongRevisions, Map<String, Long> peak) {
        ObjectNode node = json.putObject("scale_out");
        node.put("one_replica_seconds", oneSeconds);
        node.set("one_replica_split", Http.JSON.valueToTree(oneSplit));
        node.put("two_replicas_seconds", twoSeconds);
        node.set("two_replicas_split", Http.JSON.valueToTree(twoSplit));
        node.put("items_completed", itemsCompleted);
        node.put("periods_not_computed_exactly_once_per_run", wrongRevisions);
        node.set("peak_memory_mb", Http.JSON.valueToTree(peak));
        rows.add(new String[] {"scale-out: 1 replica (s)", fmt("%.1f", oneSeconds), oneSplit.toString(), "", ""});
        rows.add(new String[] {"scale-out: 2 replicas (s)", fmt("%.1f", twoSeconds), twoSplit.toString(),
                fmt("%.2fx", oneSeconds / twoSeconds), "no slower, split"});
        rows.add(new String[] {"  each item exactly once", itemsCompleted + " items, " + wrongRevisions
                + " periods off revision", "", "", "0 off"});
    }

    void freshness(List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        double p50 = sorted.get(sorted.size() / 2);
        double max = sorted.get(sorted.size() - 1);
        ObjectNode node = json.putObject("freshness");
        node.set("trials_seconds", Http.JSON.valueToTree(seconds));
        node.put("p50_seconds", p50);
        node.put("max_seconds", max);
        rows.add(new String[] {"freshness (s)", fmt("p50 %.2f, max %.2f", p50, max), "", "", "< 2 s"});
    }

    void queries(long databaseRows, Latencies list, Latencies sqlList, Latencies summary, Latencies sqlSummary,
            Map<String, Long> peak) {
        ObjectNode node = json.putObject("queries");
        node.put("database_rows", databaseRows);
        node.set("databases_list", Http.JSON.valueToTree(list));
        node.set("databases_list_sql", Http.JSON.valueToTree(sqlList));
        node.set("databases_summary", Http.JSON.valueToTree(summary));
        node.set("databases_summary_sql", Http.JSON.valueToTree(sqlSummary));
        node.set("peak_memory_mb", Http.JSON.valueToTree(peak));
        rows.add(new String[] {"databases list p50/p99 (ms), req/s", latency(list), "SQL " + latency(sqlList), "",
                "p99 < 25 ms"});
        rows.add(new String[] {"databases summary p50/p99 (ms), req/s", latency(summary), "SQL " + latency(sqlSummary),
                "", ""});
        rows.add(new String[] {"  peak memory under query load (MB)", peak.toString(), "", "", ""});
    }

    void metricIngestion(int series, long points, double acceptedSeconds, double queryableSeconds,
            double copySeconds, Map<String, Long> peak, Map<String, Double> cpuSeconds) {
        double rate = points / queryableSeconds;
        double copyRate = points / copySeconds;
        ObjectNode node = json.putObject("metric_ingestion");
        node.put("series", series);
        node.put("points", points);
        node.put("accepted_seconds", acceptedSeconds);
        node.put("query_api_caught_up_seconds", queryableSeconds);
        node.put("points_per_second", rate);
        node.put("copy_seconds", copySeconds);
        node.put("copy_points_per_second", copyRate);
        node.put("ratio_to_copy", rate / copyRate);
        node.set("peak_memory_mb", Http.JSON.valueToTree(peak));
        node.set("cpu_seconds", Http.JSON.valueToTree(cpuSeconds));
        rows.add(new String[] {fmt("metric points/s, %,d series, REST to query-api's windows", series),
                fmt("%,.0f", rate), "COPY " + fmt("%,.0f", copyRate), fmt("%.0f %%", 100 * rate / copyRate), ""});
        rows.add(new String[] {"  peak memory during metric ingestion (MB)", peak.toString(), "", "", ""});
        rows.add(new String[] {"  CPU seconds of metric ingestion", cpuSeconds.toString(), "", "", ""});
    }

    void slidingWindows(Latencies api, Latencies sql, int mismatches, Map<String, Long> peak) {
        ObjectNode node = json.putObject("sliding_window_query");
        node.put("query", "one series, window 24h, slide 1h, over 48 h");
        node.set("api", Http.JSON.valueToTree(api));
        node.set("sql_over_raw_points", Http.JSON.valueToTree(sql));
        node.put("windows_differing_from_sql", mismatches);
        node.set("peak_memory_mb", Http.JSON.valueToTree(peak));
        rows.add(new String[] {"24 h sliding window p50/p99 (ms), req/s", latency(api), "SQL " + latency(sql),
                fmt("%.1fx", sql.p50Ms() / api.p50Ms()), mismatches + " windows off"});
    }

    void cpu(String phase, Map<String, Double> seconds) {
        ((ObjectNode) json.with("cpu_seconds")).set(phase, Http.JSON.valueToTree(seconds));
        rows.add(new String[] {"  CPU seconds in " + phase.replace('_', ' '), seconds.toString(), "", "", ""});
    }

    void print() {
        String[] header = {"figure", "value", "baseline (same run)", "ratio", "target"};
        int[] widths = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder("\n");
        for (int r = 0; r < all.size(); r++) {
            for (int i = 0; i < header.length; i++) {
                out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", all.get(r)[i])).append(i < header.length - 1 ? " | " : "");
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < header.length; i++) {
                    out.append("-".repeat(widths[i])).append(i < header.length - 1 ? "-+-" : "");
                }
                out.append('\n');
            }
        }
        System.out.print(out);
    }

    Path write(Path file) throws IOException {
        json.put("finished_at", Instant.now().toString());
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        return file;
    }

    private static String latency(Latencies l) {
        return fmt("%.1f / %.1f, %.0f", l.p50Ms(), l.p99Ms(), l.perSecond())
                + (l.errors() > 0 ? fmt(" (%,d FAILED)", l.errors()) : "");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
