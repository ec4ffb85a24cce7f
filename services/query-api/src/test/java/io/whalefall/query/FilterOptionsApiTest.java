package io.whalefall.query;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.daily;
import static io.whalefall.query.Fixtures.database;
import static io.whalefall.query.Fixtures.instance;
import static io.whalefall.query.Fixtures.newId;
import static io.whalefall.query.Fixtures.today;
import static io.whalefall.query.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** {@code GET /api/v1/capacity/options/*}: the choices the dashboard's instance and database filters offer. */
@QuarkusTest
@QueryTestResource
class FilterOptionsApiTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

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
    void instancesAreOfferedByNameWithTheirTypeAndCapacityAndATypeNarrowsThem() {
        long zulu = newId();
        long alpha = newId();
        long other = newId();
        String prefix = uniqueName("opt");
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(zulu, prefix + "-zulu", "sqlserver", 1, 5_000L),
                instance(alpha, prefix + "-Alpha", "sqlserver", 1, null), instance(other, prefix + "-beta", "oracle", 1, null));

        List<Map<String, Object>> sqlServers = as("viewer").queryParam("db_type", "sqlserver")
                .get("/api/v1/capacity/options/instances").then().statusCode(200)
                .body("success", equalTo(true)).body("data.truncated", equalTo(false))
                .extract().jsonPath().getList("data.items");
        List<Map<String, Object>> mine = sqlServers.stream()
                .filter(i -> String.valueOf(i.get("name")).startsWith(prefix)).toList();
        assertThat(mine).extracting(i -> i.get("name")).containsExactly(prefix + "-Alpha", prefix + "-zulu");
        assertThat(mine.get(1)).containsEntry("id", (int) zulu).containsEntry("db_type", "sqlserver")
                .containsEntry("active", true).containsEntry("capacity_mb", 5000);
        assertThat(sqlServers).extracting(i -> i.get("db_type")).containsOnly("sqlserver");

        // several types at once (the few SQL Server and Oracle instances of these tests stay below the cap)
        List<String> twoTypes = as("viewer").queryParam("db_type", "sqlserver,oracle")
                .get("/api/v1/capacity/options/instances").then().statusCode(200)
                .body("data.truncated", equalTo(false)).extract().jsonPath().getList("data.items.name");
        assertThat(twoTypes).contains(prefix + "-Alpha", prefix + "-beta", prefix + "-zulu");
    }

    @Test
    void databaseNamesAggregatedOnAnInstanceAreOfferedOnceEach() {
        long first = newId();
        long second = newId();
        String shared = uniqueName("shared");
        String own = uniqueName("own");
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(first, "first", "sqlserver", 1, null),
                instance(second, "second", "sqlserver", 1, null));
        feed.applyAll(MessageType.PERIOD_COMPLETED, List.of(
                daily(first, today().minusDays(2), List.of(database(shared, 10, null), database(own, 5, null))),
                daily(first, today().minusDays(1), List.of(database(shared, 11, 10L))),
                daily(second, today().minusDays(1), List.of(database(shared, 40, null)))));

        as("viewer").queryParam("instance_id", first).get("/api/v1/capacity/options/databases").then().statusCode(200)
                .body("data.items.database_name", contains(own, shared))
                .body("data.items.instances", contains(1, 1)).body("data.truncated", equalTo(false));
        // the type narrows the catalog to the few SQL Server databases of these tests, well below the cap
        List<Map<String, Object>> sqlServer = as("viewer").queryParam("db_type", "sqlserver")
                .get("/api/v1/capacity/options/databases").then().statusCode(200)
                .body("data.truncated", equalTo(false)).extract().jsonPath().getList("data.items");
        assertThat(sqlServer).filteredOn(d -> shared.equals(d.get("database_name")))
                .singleElement().satisfies(d -> assertThat(d).containsEntry("instances", 2));
    }

    @Test
    void aLongListIsCutAtTheCapAndSaysSo() {
        long id = newId();
        String prefix = uniqueName("many");
        // one more than the test profile's cap (whalefall.query.lists.max-get-all=25)
        List<String> names = IntStream.rangeClosed(1, 26).mapToObj(i -> prefix + "_" + (char) ('a' + i - 1)).toList();
        feed.apply(MessageType.PERIOD_COMPLETED, daily(id, today(), names.stream().map(n -> database(n, 1, null)).toList()));

        as("viewer").queryParam("instance_id", id).get("/api/v1/capacity/options/databases").then().statusCode(200)
                .body("data.truncated", equalTo(true))
                .body("data.items.database_name", equalTo(names.subList(0, 25)));
    }

    @Test
    void optionsNeedAViewerAndValidParameters() {
        given().header("X-Requested-With", "XMLHttpRequest").get("/api/v1/capacity/options/instances")
                .then().statusCode(401);
        as("collector").get("/api/v1/capacity/options/databases").then().statusCode(403);
        as("viewer").queryParam("db_type", "db2").queryParam("instance_id", "x")
                .get("/api/v1/capacity/options/databases").then().statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors.field", containsInAnyOrder("db_type", "instance_id"));
    }
}
