package io.whalefall.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the outbox relay, the inbox and the processed-message log. */
@ConfigMapping(prefix = "whalefall.messaging")
public interface MessagingConfig {

    /** Name written as {@code source} in every envelope this service publishes. */
    @WithDefault("${quarkus.application.name}")
    String source();

    /**
     * Name of this replica, recorded with the work it does (Kubernetes sets {@code HOSTNAME} to the pod name).
     * Defaults to the host name and process id.
     */
    @WithDefault("${HOSTNAME:}")
    Optional<String> replica();

    /** The replica name, or host name and process id when none is configured. */
    default String replicaName() {
        return replica().filter(s -> !s.isBlank()).orElseGet(() -> {
            try {
                return java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
            } catch (java.net.UnknownHostException e) {
                return "pid-" + ProcessHandle.current().pid();
            }
        });
    }

    /** The outbox relay. */
    Outbox outbox();

    /** The inbox (consumers). */
    Inbox inbox();

    /** Settings of the transactional outbox relay. */
    interface Outbox {
        /** Rows the relay publishes per transaction. */
        @WithDefault("500")
        int batchSize();

        /** How often the relay looks for rows written by other replicas or left by a failure. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long the relay waits for the broker to confirm a batch before retrying it. */
        @WithDefault("30s")
        Duration confirmTimeout();

        /** Pause after a failed publish before the relay tries again. */
        @WithDefault("2s")
        Duration errorBackoff();

        /**
         * How often the outbox backlog gauges ({@link OutboxBacklogGauges}) are read from the database. The
         * {@code @Scheduled} expression repeats this default.
         */
        @WithDefault("15s")
        Duration backlogRefresh();
    }

    /** Settings of the consumers. */
    interface Inbox {
        /** Delay before a message that failed for a transient reason is returned to its queue. */
        @WithDefault("1s")
        Duration retryBaseDelay();

        /** Upper bound of that delay, which doubles with every delivery. */
        @WithDefault("30s")
        Duration retryMaxDelay();

        /**
         * How often the database is checked while it does not answer; messages that failed meanwhile are held
         * and returned to their queue when it answers again, without spending their delivery limit.
         */
        @WithDefault("2s")
        Duration outageCheckInterval();

        /** How long processed message ids are kept to recognise redeliveries. */
        @WithDefault("14d")
        Duration processedRetention();
    }
}
