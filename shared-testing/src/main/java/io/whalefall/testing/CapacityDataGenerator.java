package io.whalefall.testing;

import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic capacity data for tests and benchmarks: a seeded generator of instances whose
 * database counts are skewed (a few instances hold many databases), databases that grow with noise (some
 * shrink, some appear or disappear during the year), days without any sample, and days with two samples.
 * The same seed always gives the same samples, whatever order they are asked for in.
 */
public final class CapacityDataGenerator {

    private static final ZoneOffset COLLECTOR_OFFSET = ZoneOffset.ofHours(8);

    /**
     * What to generate.
     *
     * @param seed                 the seed; the same seed gives the same data
     * @param firstInstanceId      id of the first instance; the others follow
     * @param instances            number of instances
     * @param maxDatabases         databases of the largest instance (others have fewer, skewed)
     * @param start                first day
     * @param days                 number of days
     * @param missingDayRate       share of (instance, day) pairs with no sample at all
     * @param doubleSampleRate     share of database-days sampled twice (morning and evening)
     * @param instanceSampleRate   share of instances whose collector also sends instance totals
     */
    public record Settings(long seed, long firstInstanceId, int instances, int maxDatabases, LocalDate start, int days,
            double missingDayRate, double doubleSampleRate, double instanceSampleRate) {

        /** Every instance has exactly {@code databases} databases (the benchmark's fixed shape). */
        public Settings withFixedDatabases(int databases) {
            return new Settings(seed, firstInstanceId, instances, -databases, start, days, missingDayRate,
                    doubleSampleRate, instanceSampleRate);
        }
    }

    /** One generated instance: its id, name, databases and whether it sends instance totals. */
    public record InstanceSpec(long id, String name, String dbType, List<String> databases, boolean sendsTotals) {
    }

    /** Receives the samples of one instance and day. */
    @FunctionalInterface
    public interface Sink {
        void accept(LocalDate day, List<DatabaseSizeSample> databases, List<InstanceSizeSample> instances);
    }

    private static final String[] DB_TYPES = {"mysql", "postgresql", "sqlserver", "oracle"};
    private static final String[] DB_NAMES = {"orders", "users", "billing", "inventory", "audit", "reports", "search",
            "payments", "catalog", "sessions", "events", "analytics", "crm", "hr", "logs", "metrics"};

    private final Settings settings;
    private final List<InstanceSpec> instances;

    public CapacityDataGenerator(Settings settings) {
        this.settings = settings;
        this.instances = new ArrayList<>();
        for (int i = 0; i < settings.instances(); i++) {
            long id = settings.firstInstanceId() + i;
            Random random = random(id, 0);
            int databases = settings.maxDatabases() < 0 ? -settings.maxDatabases()
                    // skewed: instance i gets about max / (1 + i/3) databases, at least 1
                    : Math.max(1, (int) Math.round(settings.maxDatabases() / (1.0 + i / 3.0) * (0.8 + 0.4 * random.nextDouble())));
            List<String> names = new ArrayList<>();
            for (int d = 0; d < databases; d++) {
                names.add(DB_NAMES[d % DB_NAMES.length] + (d < DB_NAMES.length ? "" : "_" + d / DB_NAMES.length));
            }
            instances.add(new InstanceSpec(id, "instance-" + id, DB_TYPES[(int) (id % DB_TYPES.length)], List.copyOf(names),
                    random.nextDouble() < settings.instanceSampleRate()));
        }
    }

    /** The instances, in id order. */
    public List<InstanceSpec> instances() {
        return instances;
    }

    /** Generates every sample, day by day and instance by instance. */
    public void generate(Sink sink) {
        for (int day = 0; day < settings.days(); day++) {
            for (InstanceSpec instance : instances) {
                generate(instance, day, sink);
            }
        }
    }

    /** All samples in two lists (for tests with small settings). */
    public Samples all() {
        List<DatabaseSizeSample> databases = new ArrayList<>();
        List<InstanceSizeSample> instanceSamples = new ArrayList<>();
        generate((day, db, inst) -> {
            databases.addAll(db);
            instanceSamples.addAll(inst);
        });
        return new Samples(databases, instanceSamples);
    }

    /** Every generated sample. */
    public record Samples(List<DatabaseSizeSample> databases, List<InstanceSizeSample> instances) {
    }

    private void generate(InstanceSpec instance, int dayIndex, Sink sink) {
        Random random = random(instance.id(), dayIndex + 1);
        if (random.nextDouble() < settings.missingDayRate()) {
            return;
        }
        LocalDate day = settings.start().plusDays(dayIndex);
        List<DatabaseSizeSample> databases = new ArrayList<>();
        long total = 0;
        int present = 0;
        for (int d = 0; d < instance.databases().size(); d++) {
            if (!exists(instance, d, dayIndex)) {
                continue;
            }
            present++;
            long size = size(instance, d, dayIndex, random);
            total += size;
            databases.add(sample(instance, d, size, day.atTime(LocalTime.of(9, 0))));
            if (random.nextDouble() < settings.doubleSampleRate()) {
                databases.add(sample(instance, d, Math.max(0, size + random.nextInt(21) - 10), day.atTime(LocalTime.of(21, 0))));
            }
        }
        List<InstanceSizeSample> totals = instance.sendsTotals() && present > 0
                ? List.of(new InstanceSizeSample(instance.id(), total, present,
                        OffsetDateTime.of(day.atTime(LocalTime.of(9, 5)), COLLECTOR_OFFSET)))
                : List.of();
        sink.accept(day, databases, totals);
    }

    /** The second database of every third instance appears a third into the period; the last of every fifth leaves at two thirds. */
    private boolean exists(InstanceSpec instance, int database, int dayIndex) {
        int n = instance.databases().size();
        if (n > 1 && database == 1 && instance.id() % 3 == 0 && dayIndex < settings.days() / 3) {
            return false;
        }
        return !(n > 2 && database == n - 1 && instance.id() % 5 == 0 && dayIndex > settings.days() * 2 / 3);
    }

    /** A base size per database, a daily trend (mostly growth, sometimes shrinkage) and noise. */
    private long size(InstanceSpec instance, int database, int dayIndex, Random dayRandom) {
        Random shape = random(instance.id(), -(database + 1));
        long base = 100 + shape.nextInt(50_000);
        double trend = shape.nextDouble() < 0.15 ? -shape.nextDouble() * 0.002 : shape.nextDouble() * 0.004;
        double noise = 1 + (dayRandom.nextDouble() - 0.5) * 0.02;
        return Math.max(0, Math.round(base * Math.pow(1 + trend, dayIndex) * noise));
    }

    private static DatabaseSizeSample sample(InstanceSpec instance, int database, long size, java.time.LocalDateTime at) {
        long log = size / 20;
        return new DatabaseSizeSample(instance.id(), instance.databases().get(database), size, size - log, log,
                OffsetDateTime.of(at, COLLECTOR_OFFSET));
    }

    private Random random(long instanceId, long stream) {
        return new Random(settings.seed() * 1_000_003L + instanceId * 7_919L + stream * 104_729L);
    }
}
