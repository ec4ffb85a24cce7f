package io.whalefall.query;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.session.SessionStatus;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.whalefall.query.Fixtures.ZONE;
import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.newId;
import static io.whalefall.query.Fixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/** Sync sessions for dashboards: list, detail and the live stream of a session's progress. */
@QuarkusTest
@QueryTestResource
class SessionApiTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL server;

    EventFeed feed;

    @BeforeEach
    void connect() {
        feed = new EventFeed(infrastructure, dataSource);
    }

    @AfterEach
    void disconnect() {
        feed.close();
    }

    @Test
    void theListFiltersByStatusTypeAndDayAndLeavesTheRecordsToTheDetail() {
        // a day no other test uses, so that the date filter isolates this test's sessions
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(newId() % 7000);
        Instant morning = day.atTime(9, 0).atZone(ZONE).toInstant();
        UUID running = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        feed.apply(MessageType.SESSION_UPDATED, session(running, SessionStatus.RUNNING, 1, 50, List.of(1L, 2L), morning),
                session(done, SessionStatus.COMPLETED, 4, 100, List.of(3L), morning.plusSeconds(60)),
                session(UUID.randomUUID(), SessionStatus.FAILED, 2, 100, List.of(4L), morning.minusSeconds(86_400)));

        as("viewer").queryParam("start_date", day.toString()).queryParam("end_date", day.toString())
                .get("/api/v1/sync-sessions").then().statusCode(200)
                .body("data.total", equalTo(2))
                .body("data.items.session_id", contains(done.toString(), running.toString()))
                .body("data.items[0]", not(hasKey("records")));
        as("viewer").queryParam("start_date", day.toString()).queryParam("end_date", day.toString())
                .queryParam("status", "running").queryParam("sync_type", "manual_task")
                .get("/api/v1/sync-sessions").then().statusCode(200)
                .body("data.items.session_id", contains(running.toString()));
        as("viewer").get("/api/v1/sync-sessions/" + running).then().statusCode(200)
                .body("data.status", equalTo("running")).body("data.progress", equalTo(50))
                .body("data.period_types", contains("daily"))
                .body("data.records", hasSize(2)).body("data.records[0].instance_id", equalTo(1))
                .body("data.records[0].status", equalTo("running"));
    }

    @Test
    void theSnapshotWithTheHighestSequenceWins() {
        UUID id = UUID.randomUUID();
        Instant started = Instant.now();
        feed.apply(MessageType.SESSION_UPDATED, session(id, SessionStatus.COMPLETED, 5, 100, List.of(1L), started),
                session(id, SessionStatus.RUNNING, 3, 40, List.of(1L), started));

        as("viewer").get("/api/v1/sync-sessions/" + id).then().statusCode(200)
                .body("data.status", equalTo("completed")).body("data.sequence", equalTo(5))
                .body("data.records[0].status", equalTo("completed"))
                .body("data.records[0].periods", equalTo(4)).body("data.records[0].periods_skipped", equalTo(1))
                .body("data.records[0]", not(hasKey("sync_details")));
    }

    @Test
    void theStreamSendsTheCurrentSnapshotThenEachNewerOneAndEndsAfterTheLast() throws Exception {
        UUID id = UUID.randomUUID();
        Instant started = Instant.now();
        feed.apply(MessageType.SESSION_UPDATED, session(id, SessionStatus.RUNNING, 1, 0, List.of(1L, 2L), started));

        try (SseClient stream = SseClient.open(server.getPort(), "/api/v1/sync-sessions/" + id + "/events", "viewer",
                null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.field("id").contains("1"));

            feed.apply(MessageType.SESSION_UPDATED, session(id, SessionStatus.RUNNING, 2, 50, List.of(1L, 2L), started));
            // an older snapshot delivered late is not sent
            feed.apply(MessageType.SESSION_UPDATED, session(id, SessionStatus.RUNNING, 1, 0, List.of(1L, 2L), started));
            feed.apply(MessageType.SESSION_UPDATED, session(id, SessionStatus.COMPLETED, 3, 100, List.of(1L, 2L), started));

            await().atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(stream.field("id")).containsExactly("1", "2", "3");
            assertThat(stream.field("event")).containsExactly("session", "session", "session", "end");
            assertThat(stream.field("data").get(2)).contains("\"progress\":100").contains("\"status\":\"completed\"")
                    .contains("\"records\":[");
            assertThat(stream.field("data").get(3)).contains("\"status\":\"completed\"");
        }
    }

    @Test
    void aRequestedSessionCanBeFollowedBeforeItsFirstSnapshotAndKeepAlivesFlowMeanwhile() throws Exception {
        String sessionId = as("admin").contentType("application/json").body("{}")
                .post("/api/v1/capacity/aggregations/current").then().statusCode(202)
                .extract().path("data.result.session.id");

        try (SseClient stream = SseClient.open(server.getPort(), "/api/v1/sync-sessions/" + sessionId + "/events",
                "viewer", null)) {
            assertThat(stream.status()).isEqualTo(200);
            // the test profile sends a keep-alive comment every 2 s
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines().contains(":keep-alive"));

            feed.apply(MessageType.SESSION_UPDATED, session(UUID.fromString(sessionId), SessionStatus.FAILED, 1, 100,
                    List.of(7L), Instant.now()));

            await().atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(stream.field("event")).containsExactly("session", "end");
            assertThat(stream.field("data").get(1)).contains("\"status\":\"failed\"");
        }
    }

    @Test
    void aClientResumingAfterTheLastSnapshotOfAnEndedSessionIsToldItHasEnded() throws Exception {
        UUID id = UUID.randomUUID();
        feed.apply(MessageType.SESSION_UPDATED, session(id, SessionStatus.COMPLETED, 7, 100, List.of(1L), Instant.now()));

        try (SseClient stream = SseClient.open(server.getPort(), "/api/v1/sync-sessions/" + id + "/events", "viewer",
                "7")) {
            await().atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(stream.field("event")).containsExactly("end");
            assertThat(stream.field("data")).singleElement().asString().contains("\"status\":\"completed\"");
        }
    }
}
