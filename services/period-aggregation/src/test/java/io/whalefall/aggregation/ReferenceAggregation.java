package io.whalefall.aggregation;

import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A brute-force reference of the aggregation semantics, written independently of the service's SQL: it
 * walks the raw samples with plain Java and exact decimals. Tests compare the service's rows to it.
 */
final class ReferenceAggregation {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final RoundingMode HALF_AWAY = RoundingMode.HALF_UP; // BigDecimal HALF_UP rounds .5 away from zero

    private final List<DatabaseSizeSample> databases;
    private final List<InstanceSizeSample> instances;

    ReferenceAggregation(List<DatabaseSizeSample> databases, List<InstanceSizeSample> instances) {
        this.databases = databases;
        this.instances = instances;
    }

    static LocalDate periodStart(String type, LocalDate day) {
        return switch (type) {
            case "daily" -> day;
            case "weekly" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "monthly" -> day.withDayOfMonth(1);
            case "quarterly" -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
            default -> throw new IllegalArgumentException(type);
        };
    }

    static LocalDate previousStart(String type, LocalDate start) {
        return periodStart(type, start.minusDays(1));
    }

    static LocalDate day(java.time.OffsetDateTime collectedAt) {
        return collectedAt.atZoneSameInstant(ZONE).toLocalDate();
    }

    /** Expected database rows keyed "instance/type/start/database" → column → value. */
    Map<String, Map<String, Object>> databaseRows(List<String> types, LocalDate from, LocalDate to) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (String type : types) {
            Map<String, List<DatabaseSizeSample>> byPeriod = new HashMap<>();
            for (DatabaseSizeSample s : databases) {
                LocalDate start = periodStart(type, day(s.collectedAt()));
                byPeriod.computeIfAbsent(s.instanceId() + "/" + start + "/" + s.databaseName(), k -> new ArrayList<>()).add(s);
            }
            for (Map.Entry<String, List<DatabaseSizeSample>> entry : byPeriod.entrySet()) {
                String[] key = entry.getKey().split("/", 3);
                LocalDate start = LocalDate.parse(key[1]);
                if (!overlaps(type, start, from, to)) {
                    continue;
                }
                List<DatabaseSizeSample> samples = entry.getValue();
                List<DatabaseSizeSample> previous = byPeriod.getOrDefault(
                        key[0] + "/" + previousStart(type, start) + "/" + key[2], List.of());
                rows.put(key[0] + "/" + type + "/" + start + "/" + key[2], databaseRow(samples, previous));
            }
        }
        return rows;
    }

    /** Expected instance rows keyed "instance/type/start" → column → value. */
    Map<String, Map<String, Object>> instanceRows(List<String> types, LocalDate from, LocalDate to) {
        Map<String, Day> days = dailyTotals();
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (String type : types) {
            Map<String, List<Day>> byPeriod = new HashMap<>();
            days.forEach((key, day) -> byPeriod.computeIfAbsent(key.split("/")[0] + "/" + periodStart(type, day.date),
                    k -> new ArrayList<>()).add(day));
            for (Map.Entry<String, List<Day>> entry : byPeriod.entrySet()) {
                String[] key = entry.getKey().split("/");
                LocalDate start = LocalDate.parse(key[1]);
                if (!overlaps(type, start, from, to)) {
                    continue;
                }
                List<Day> previous = byPeriod.getOrDefault(key[0] + "/" + previousStart(type, start), List.of());
                rows.put(key[0] + "/" + type + "/" + start, instanceRow(entry.getValue(), previous));
            }
        }
        return rows;
    }

    private static boolean overlaps(String type, LocalDate start, LocalDate from, LocalDate to) {
        LocalDate end = switch (type) {
            case "daily" -> start;
            case "weekly" -> start.plusDays(6);
            case "monthly" -> start.plusMonths(1).minusDays(1);
            default -> start.plusMonths(3).minusDays(1);
        };
        return !start.isAfter(to) && !end.isBefore(from);
    }

    private static Map<String, Object> databaseRow(List<DatabaseSizeSample> samples, List<DatabaseSizeSample> previous) {
        Map<String, Object> row = new HashMap<>();
        Long avg = mean(samples.stream().map(DatabaseSizeSample::sizeMb).toList());
        Long avgData = mean(samples.stream().map(DatabaseSizeSample::dataSizeMb).filter(v -> v != null).toList());
        Long avgLog = mean(samples.stream().map(DatabaseSizeSample::logSizeMb).filter(v -> v != null).toList());
        Long prev = mean(previous.stream().map(DatabaseSizeSample::sizeMb).toList());
        Long prevData = mean(previous.stream().map(DatabaseSizeSample::dataSizeMb).filter(v -> v != null).toList());
        Long prevLog = mean(previous.stream().map(DatabaseSizeSample::logSizeMb).filter(v -> v != null).toList());
        row.put("avg_size_mb", avg);
        row.put("max_size_mb", samples.stream().mapToLong(DatabaseSizeSample::sizeMb).max().orElseThrow());
        row.put("min_size_mb", samples.stream().mapToLong(DatabaseSizeSample::sizeMb).min().orElseThrow());
        row.put("avg_data_size_mb", avgData);
        row.put("avg_log_size_mb", avgLog);
        row.put("data_count", samples.size());
        row.put("days_with_data", (int) samples.stream().map(s -> day(s.collectedAt())).distinct().count());
        row.put("previous_avg_size_mb", prev);
        row.put("size_change_mb", change(avg, prev));
        row.put("size_change_percent", percent(avg, prev));
        row.put("data_size_change_mb", change(avgData, prevData));
        row.put("data_size_change_percent", percent(avgData, prevData));
        row.put("log_size_change_mb", change(avgLog, prevLog));
        row.put("log_size_change_percent", percent(avgLog, prevLog));
        row.put("growth_rate", percent(avg, prev));
        return row;
    }

    private static Map<String, Object> instanceRow(List<Day> days, List<Day> previous) {
        Map<String, Object> row = new HashMap<>();
        BigDecimal n = BigDecimal.valueOf(days.size());
        BigDecimal totalSum = days.stream().map(d -> d.total).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal countSum = days.stream().map(d -> d.count).reduce(BigDecimal.ZERO, BigDecimal::add);
        long total = round(totalSum.divide(n, 20, HALF_AWAY));
        long dbCount = round(countSum.divide(n, 20, HALF_AWAY));
        Long prevTotal = previous.isEmpty() ? null : round(previous.stream().map(d -> d.total)
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(previous.size()), 20, HALF_AWAY));
        Long prevCount = previous.isEmpty() ? null : round(previous.stream().map(d -> d.count)
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(previous.size()), 20, HALF_AWAY));
        row.put("total_size_mb", total);
        row.put("avg_size_mb", countSum.signum() == 0 ? 0L : round(totalSum.divide(countSum, 20, HALF_AWAY)));
        row.put("max_size_mb", round(days.stream().map(d -> d.total).max(BigDecimal::compareTo).orElseThrow()));
        row.put("min_size_mb", round(days.stream().map(d -> d.total).min(BigDecimal::compareTo).orElseThrow()));
        row.put("data_count", days.size());
        row.put("database_count", (int) dbCount);
        row.put("avg_database_count", countSum.divide(n, 20, HALF_AWAY).setScale(2, HALF_AWAY));
        row.put("max_database_count", (int) round(days.stream().map(d -> d.count).max(BigDecimal::compareTo).orElseThrow()));
        row.put("min_database_count", (int) round(days.stream().map(d -> d.count).min(BigDecimal::compareTo).orElseThrow()));
        row.put("previous_total_size_mb", prevTotal);
        row.put("total_size_change_mb", change(total, prevTotal));
        BigDecimal growth = percent(total, prevTotal);
        row.put("total_size_change_percent", growth);
        row.put("database_count_change", (int) change(dbCount, prevCount));
        row.put("database_count_change_percent", percent(dbCount, prevCount));
        row.put("growth_rate", growth);
        row.put("trend_direction", growth.compareTo(BigDecimal.valueOf(5)) > 0 ? "growing"
                : growth.compareTo(BigDecimal.valueOf(-5)) < 0 ? "shrinking" : "stable");
        return row;
    }

    /** Per instance and day: the mean of its instance samples, else the sum of its databases' daily means. */
    private Map<String, Day> dailyTotals() {
        Map<String, List<InstanceSizeSample>> instanceDays = new HashMap<>();
        instances.forEach(s -> instanceDays.computeIfAbsent(s.instanceId() + "/" + day(s.collectedAt()),
                k -> new ArrayList<>()).add(s));
        Map<String, Map<String, List<Long>>> databaseDays = new HashMap<>();
        databases.forEach(s -> databaseDays.computeIfAbsent(s.instanceId() + "/" + day(s.collectedAt()),
                k -> new HashMap<>()).computeIfAbsent(s.databaseName(), k -> new ArrayList<>()).add(s.sizeMb()));
        Map<String, Day> days = new HashMap<>();
        instanceDays.forEach((key, samples) -> {
            BigDecimal n = BigDecimal.valueOf(samples.size());
            days.put(key, new Day(LocalDate.parse(key.split("/")[1]),
                    BigDecimal.valueOf(samples.stream().mapToLong(InstanceSizeSample::totalSizeMb).sum()).divide(n, 20, HALF_AWAY),
                    BigDecimal.valueOf(samples.stream().mapToLong(InstanceSizeSample::databaseCount).sum()).divide(n, 20, HALF_AWAY)));
        });
        databaseDays.forEach((key, byDatabase) -> days.computeIfAbsent(key, k -> new Day(LocalDate.parse(k.split("/")[1]),
                byDatabase.values().stream().map(v -> BigDecimal.valueOf(v.stream().mapToLong(Long::longValue).sum())
                        .divide(BigDecimal.valueOf(v.size()), 20, HALF_AWAY)).reduce(BigDecimal.ZERO, BigDecimal::add),
                BigDecimal.valueOf(byDatabase.size()))));
        return days;
    }

    private record Day(LocalDate date, BigDecimal total, BigDecimal count) {
    }

    private static Long mean(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        long sum = values.stream().mapToLong(Long::longValue).sum();
        return round(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(values.size()), 20, HALF_AWAY));
    }

    private static long round(BigDecimal value) {
        return value.setScale(0, HALF_AWAY).longValueExact();
    }

    private static long change(Long current, Long previous) {
        return current == null || previous == null ? 0 : current - previous;
    }

    private static BigDecimal percent(Long current, Long previous) {
        if (current == null || previous == null || previous == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf((current - previous) * 100).divide(BigDecimal.valueOf(previous), 20, HALF_AWAY)
                .setScale(2, HALF_AWAY);
    }
}
