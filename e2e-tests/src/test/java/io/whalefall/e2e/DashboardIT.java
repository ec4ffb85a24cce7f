package io.whalefall.e2e;

import io.restassured.specification.RequestSpecification;
import io.whalefall.testing.SystemUnderTest;
import io.whalefall.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web dashboard in a real headless Chromium, against the four packaged services on the real PostgreSQL
 * and RabbitMQ. Capacity samples of a week are posted and backfilled through the real APIs; then a user signs
 * in and sees the totals, the chart's series and the table, narrows them with filters, reads the instances
 * and sessions pages, and an administrator presses "aggregate now" and watches the run complete live. A
 * viewer cannot start one. Screenshots go to {@code e2e-tests/target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("whalefall.repository.root", "..")).toAbsolutePath().normalize();

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("whalefall.repository.root", ".."))
            .resolve("e2e-tests/target/screenshots");
    private static final int DAYS = 7;
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    /** The chart's drawn series, read from the Chart.js instance on the page. */
    private static final String CHART = "const chart = Chart.getChart(document.querySelector('#trend-chart canvas'));";

    private final LocalDate today = LocalDate.now(ZONE);
    private final LocalDate firstDay = today.minusDays(DAYS - 1);
    private TestInfrastructure infrastructure;
    private SystemUnderTest services;
    private long orders;
    private long analytics;
    private String backfillSession;
    private Browser browser;

    @BeforeAll
    void startTheSystemAndSeedAWeekOfCapacity() throws Exception {
        infrastructure = TestInfrastructure.create("ingestion", "aggregation", "sessions", "query");
        services = new SystemUnderTest(infrastructure, REPOSITORY,
                REPOSITORY.resolve("e2e-tests/target/dashboard-logs"), "256m")
                .startAll();

        orders = registerInstance("orders-primary", "mysql", 100_000L);
        analytics = registerInstance("analytics", "postgresql", null);
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            String at = firstDay.plusDays(day).atStartOfDay(ZONE).toOffsetDateTime().toString();
            samples.add(sample(orders, "sales", sales(day), at));
            samples.add(sample(orders, "users", users(day), at));
            samples.add(sample(analytics, "events", events(day), at));
        }
        as("collector", "stats-ingestion").body(Map.of("databases", samples)).post("/api/v1/capacity/stats")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> daysKnownToAggregation() == 3L * DAYS);

        backfillSession = as("admin", "query-api").body(Map.of("period_types", List.of("daily", "weekly"),
                        "from", firstDay.toString(), "to", today.toString(), "scope", "instance",
                        "instance_ids", List.of(orders, analytics)))
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(202)
                .extract().path("data.result.session.id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(
                as("viewer", "query-api").get("/api/v1/sync-sessions/" + backfillSession).path("data.status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> as("viewer", "query-api")
                .get("/api/v1/capacity/databases?period_type=daily&limit=1").<Integer>path("data.total") == 3 * DAYS);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @AfterAll
    void stopTheSystem() {
        if (services != null) {
            services.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void aSignedInUserSeesTheDatabasesTotalsChartAndTableAndNarrowsThemWithFilters() throws Exception {
        browser = new Browser(services.url("query-api"), SCREENSHOTS);
        browser.open("/capacity/databases/?period_type=daily");
        awaitPage("the login page", () -> browser.location().equals("/login.html"));
        assertThat(browser.find("#login-expired").isDisplayed()).as("a first visit is no expired session").isFalse();
        browser.screenshot("login");
        browser.signIn("admin", "admin");
        awaitPage("the page asked for before the login", () -> browser.location().equals("/capacity/databases/?period_type=daily"));
        browser.consoleErrors(); // the 401 that led to the login page is expected
        awaitLoaded();

        // latest day: sales 1600 + users 360 (orders-primary) + events 5120 (analytics) = 7080 MB; first day 3348 MB
        assertThat(browser.text("#user-name")).isEqualTo("admin");
        assertThat(browser.text("#card-instances")).isEqualTo("2");
        assertThat(browser.text("#card-databases")).isEqualTo("3");
        assertThat(browser.text("#card-size")).isEqualTo("6.91 GB");
        assertThat(browser.text("#card-growth")).isEqualTo("+" + percent(7080 - 3348, 3348) + " %");
        assertThat(chartSeries()).containsExactly("analytics / events", "orders-primary / sales", "orders-primary / users");
        assertThat(chartLabels()).isEqualTo(days());
        assertThat(browser.script(CHART + "return chart.options.scales.y.title.text")).isEqualTo("Size (GB)");
        assertThat(browser.script(CHART + "return chart.data.datasets[0].data.at(-1)")).isEqualTo(5L);
        assertThat(browser.text("#aggregates-status")).isEqualTo("Showing 1\u201320 of 21");
        assertThat(browser.findAll("#aggregates tbody tr")).hasSize(20);
        awaitPage("the forecast of the first row", () -> "ready".equals(state("#forecast")));
        assertThat(browser.text("#forecast-message")).isNotBlank();
        browser.screenshot("databases");

        browser.choose("#filter-instance", "analytics \u00b7 PostgreSQL");
        awaitPage("the analytics instance alone", () -> List.of("analytics / events").equals(chartSeries())
                && "1".equals(browser.text("#card-instances")) && browser.text("#aggregates-status").endsWith(" of 7"));
        assertThat(browser.text("#card-size")).isEqualTo("5.00 GB");
        assertThat(browser.location()).contains("instance_id=" + analytics);

        browser.choose("#filter-period-type", "Weekly");
        List<String> weeks = days().stream().map(day -> LocalDate.parse(day).with(DayOfWeek.MONDAY).toString())
                .distinct().toList();
        awaitPage("weekly periods", () -> weeks.equals(chartLabels())
                && browser.text("#aggregates-status").endsWith(" of " + weeks.size()));
        assertThat(browser.findAll("#aggregates tbody td[data-column=period]"))
                .allSatisfy(cell -> assertThat(cell.getText()).contains("weekly"));
        assertThat(browser.location()).contains("period_type=weekly");
        browser.screenshot("databases-analytics-weekly");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theInstancesPageChartsEveryInstanceAndTheSessionsPageShowsTheBackfillRun() throws Exception {
        signIn("admin");
        browser.open("/capacity/instances");
        awaitLoaded();
        assertThat(browser.location()).isEqualTo("/capacity/instances/");
        assertThat(browser.text("#card-instances")).isEqualTo("2");
        assertThat(browser.text("#card-size")).isEqualTo("6.91 GB");
        assertThat(chartSeries()).containsExactly("analytics", "orders-primary");
        assertThat(browser.text("#aggregates-status")).isEqualTo("Showing 1\u201314 of 14");

        browser.find("label[for=chart-type-bar]").click();
        awaitPage("a bar chart", () -> "bar".equals(browser.script(CHART + "return chart.config.type")));
        assertThat(chartSeries()).containsExactly("analytics", "orders-primary");
        browser.find("label[for=chart-mode-database]").click();
        awaitPage("the databases' series", () -> List.of("analytics / events", "orders-primary / sales",
                "orders-primary / users").equals(chartSeries()));
        browser.screenshot("instances");

        browser.find("a[href='/sync-sessions/']").click();
        awaitPage("the sessions list", () -> "ready".equals(state("#sessions")));
        browser.find("#sessions tr[data-key='" + backfillSession + "']").click();
        awaitPage("the backfill session", () -> backfillSession.equals(browser.script(
                "return document.querySelector('#chosen-session')?.dataset.sessionId")));
        assertThat(browser.find("#chosen-session").getDomAttribute("data-status")).isEqualTo("completed");
        assertThat(browser.text("#chosen-session-counts")).startsWith("2 of 2 instances done \u00b7 0 failed");
        assertThat(browser.findAll("#chosen-session-records tbody tr")).extracting(row -> row.findElement(By.cssSelector("td"))
                .getText()).containsExactlyInAnyOrder("orders-primary", "analytics");
        browser.screenshot("sync-sessions");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void anAdministratorPressesAggregateNowAndWatchesTheRunCompleteLive() throws Exception {
        signIn("admin");
        awaitLoaded();
        // every status the progress card shows, in order, as the live stream delivers them
        browser.script("""
                const panel = document.querySelector('#run-progress');
                window.shownStatuses = [];
                new MutationObserver(() => {
                  if (window.shownStatuses.at(-1) !== panel.dataset.status) {
                    window.shownStatuses.push(panel.dataset.status);
                  }
                }).observe(panel, { attributes: true, attributeFilter: ['data-status'] });
                """);
        browser.find("#aggregate-now").click();
        awaitPage("the aggregation dialog", () -> browser.find("#aggregate-dialog").isDisplayed());
        assertThat(browser.find("#aggregate-scope-all").isSelected()).isTrue();
        browser.find("#aggregate-start").click();

        await("the run to complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "completed".equals(browser.script("return document.querySelector('#run-progress').dataset.status")));
        // the run may end before its last instance's event has arrived: the card keeps its records up to date
        awaitPage("every instance of the run", () -> browser.text("#run-progress-counts")
                .startsWith("2 of 2 instances done \u00b7 0 failed"));
        assertThat(browser.find("#aggregate-progress").isDisplayed()).isTrue();
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) browser.script("return window.shownStatuses");
        assertThat(shown).first().isEqualTo("queued");
        assertThat(shown).last().isEqualTo("completed");
        assertThat(browser.find("#run-progress-bar").getDomAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.findAll("#run-progress-records tbody tr")).hasSize(2);
        awaitPage("the completion notice", () -> browser.text("#toasts").contains("Aggregation completed"));
        browser.screenshot("aggregate-now-completed");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aViewerSeesEverythingButCannotStartAnAggregationAndSignsOut() throws Exception {
        signIn("viewer");
        awaitLoaded();
        assertThat(browser.text("#user-role")).isEqualTo("viewer");
        assertThat(browser.text("#card-databases")).isEqualTo("3");
        assertThat(browser.find("#aggregate-now").isEnabled()).isFalse();
        assertThat(browser.text("#aggregate-now-hint")).isEqualTo("Only administrators can start an aggregation.");
        assertThat(browser.findAll("#aggregate-dialog")).isEmpty();
        browser.screenshot("viewer-databases");

        // even a request forged from the viewer's own page, with its CSRF token, is refused
        Object answer = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' };
                fetch('/api/v1/auth/me', { headers }).then((r) => r.json())
                  .then((me) => fetch('/api/v1/capacity/aggregations/current', { method: 'POST', body: '{}',
                    headers: { ...headers, [me.data.csrf_header]: me.data.csrf_token } }))
                  .then((r) => r.json().then((body) => done([r.status, body.message_code])));
                """);
        assertThat(answer).isEqualTo(List.of(403L, "PERMISSION_DENIED"));

        browser.find("#logout").click();
        awaitPage("the login page after signing out", () -> browser.location().equals("/login.html?signed-out"));
        assertThat(browser.find("#login-ended").isDisplayed()).isTrue();
        browser.open("/capacity/instances/");
        awaitPage("the login page for a signed-out browser", () -> browser.location().equals("/login.html"));
    }

    private void signIn(String user) throws Exception {
        browser = new Browser(services.url("query-api"), SCREENSHOTS);
        browser.open("/login.html");
        browser.signIn(user, user);
        awaitPage("the databases page", () -> browser.location().equals("/capacity/databases/"));
    }

    /** Waits until the summary, chart and table have loaded (whatever they show). */
    private void awaitLoaded() {
        awaitPage("the page's data", () -> List.of("#summary", "#trend-chart", "#aggregates").stream()
                .map(this::state).allMatch(s -> s != null && !s.equals("loading")));
    }

    private void awaitPage(String what, Callable<Boolean> condition) {
        await(what).atMost(PAGE_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(condition);
    }

    private String state(String css) {
        return (String) browser.script("return document.querySelector(arguments[0])?.dataset.state ?? null", css);
    }

    @SuppressWarnings("unchecked")
    private List<String> chartSeries() {
        return (List<String>) browser.script(CHART + "return chart ? chart.data.datasets.map((d) => d.label) : null");
    }

    @SuppressWarnings("unchecked")
    private List<String> chartLabels() {
        return (List<String>) browser.script(CHART + "return chart ? chart.data.labels : null");
    }

    private List<String> days() {
        return firstDay.datesUntil(today.plusDays(1)).map(LocalDate::toString).toList();
    }

    private static long sales(int day) {
        return 1000 + 100L * day;
    }

    private static long users(int day) {
        return 300 + 10L * day;
    }

    private static long events(int day) {
        return 2048 + 512L * day;
    }

    private static String percent(long change, long base) {
        return BigDecimal.valueOf(change * 100).divide(BigDecimal.valueOf(base), 2, RoundingMode.HALF_UP).toPlainString();
    }

    private long registerInstance(String name, String dbType, Long capacityMb) {
        long id = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "db_type", dbType, "host", "10.9.9.9", "port", 3306));
        if (capacityMb != null) {
            body.put("capacity_mb", capacityMb);
        }
        as("collector", "stats-ingestion").body(body).put("/api/v1/instances/" + id).then().statusCode(201);
        return id;
    }

    private static Map<String, Object> sample(long instanceId, String database, long sizeMb, String collectedAt) {
        return Map.of("instance_id", instanceId, "database_name", database, "size_mb", sizeMb,
                "data_size_mb", sizeMb * 9 / 10, "log_size_mb", sizeMb / 10, "collected_at", collectedAt);
    }

    private RequestSpecification as(String user, String service) {
        return given().baseUri(services.url(service)).auth().preemptive().basic(user, user)
                .contentType("application/json");
    }

    /** Daily states period-aggregation holds for the seeded instances (read as the database superuser). */
    private long daysKnownToAggregation() throws Exception {
        try (Connection connection = infrastructure.adminConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM aggregation.database_day WHERE instance_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("bigint", new Long[] {orders, analytics}));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
