package io.whalefall.platform.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.whalefall.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Gauges of the outbox backlog: how many rows wait for the relay and how old the oldest is. A backlog
 * that grows or ages means the broker does not confirm (or the relay is stuck) while the service keeps
 * writing state. The figures are read in the background, so a scrape never waits for the database and
 * never fails when it is down (the gauges then read NaN).
 */
@Startup
@ApplicationScoped
public class OutboxBacklogGauges {

    /** Rows counted at most: the relay keeps the table near empty, a huge backlog need not be exact. */
    static final int COUNT_LIMIT = 100_000;

    private static final Logger LOG = Logger.getLogger(OutboxBacklogGauges.class);
    /** Bounded: reads at most COUNT_LIMIT rows, in the relay's order (primary key). */
    private static final String BACKLOG = """
            SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)
            FROM (SELECT created_at FROM outbox_message ORDER BY id LIMIT %d) waiting
            """.formatted(COUNT_LIMIT);
    /** A scrape-side figure is never worth a long wait: the read gives up after this long. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final Jdbc jdbc;
    private volatile Backlog backlog = Backlog.UNKNOWN;

    public OutboxBacklogGauges(AgroalDataSource dataSource, MeterRegistry registry) {
        this.jdbc = new Jdbc(dataSource, QUERY_TIMEOUT);
        Gauge.builder("whalefall.outbox.backlog", this, gauges -> gauges.backlog.messages())
                .description("Outbox rows waiting to be published (counted up to " + COUNT_LIMIT + ")")
                .baseUnit("messages")
                .strongReference(true)
                .register(registry);
        Gauge.builder("whalefall.outbox.oldest.age", this, gauges -> gauges.backlog.oldestAgeSeconds())
                .description("Age of the oldest outbox row waiting to be published; 0 when none waits")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /** Reads the backlog anew; every replica reads the same table, which is what each one reports. */
    @Scheduled(identity = "outbox-backlog-gauges", every = "${whalefall.messaging.outbox.backlog-refresh:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        backlog = read();
    }

    private Backlog read() {
        try {
            return jdbc.first(BACKLOG, List.of(), rs -> new Backlog(rs.getLong(1), rs.getDouble(2)))
                    .orElse(Backlog.UNKNOWN);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Cannot read the outbox backlog; its gauges read NaN until the next refresh");
            return Backlog.UNKNOWN;
        }
    }

    private record Backlog(double messages, double oldestAgeSeconds) {
        static final Backlog UNKNOWN = new Backlog(Double.NaN, Double.NaN);
    }
}
