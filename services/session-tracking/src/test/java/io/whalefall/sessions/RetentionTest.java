package io.whalefall.sessions;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.sessions.maintenance.SessionRetention;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled cleanup deletes sessions past the retention (90 days by default), with their records. */
@QuarkusTest
@SessionsTestResource
class RetentionTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionRetention retention;

    LifecycleBus bus;

    @BeforeEach
    void connect() {
        bus = new LifecycleBus(infrastructure, dataSource);
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void onlySessionsOlderThanTheRetentionAreDeleted() throws Exception {
        Instant now = Instant.now();
        Run expired = Run.create("expired");
        Run kept = Run.create("kept");
        Run recent = Run.create("recent");
        long a = Run.newInstanceId();
        Instant old = now.minus(Duration.ofDays(91));
        bus.apply(expired, expired.started(Trigger.SCHEDULED, "scheduler", old, new InstanceRef(a, "db-a")),
                expired.completed(a, "db-a", 1, old, old.plusSeconds(5)));
        bus.apply(kept, kept.started(Trigger.SCHEDULED, "scheduler", now.minus(Duration.ofDays(89)), new InstanceRef(a, "db-a")));
        bus.apply(recent, recent.started(Trigger.MANUAL, "admin", now, new InstanceRef(a, "db-a")));
        assertThat(Api.session(expired.runId())).as("it existed before the cleanup").isNotNull();

        int deleted = retention.purgeExpired();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(Api.session(expired.runId())).isNull();
        assertThat(records(expired.runId())).as("its records went with it").isZero();
        assertThat(Api.session(kept.runId())).isNotNull();
        assertThat(Api.session(recent.runId())).isNotNull();
        assertThat(records(kept.runId())).isEqualTo(1);
    }

    private long records(UUID sessionId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM sync_session_record WHERE session_id = ?")) {
            select.setObject(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
