package io.whalefall.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.whalefall.query.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Who may call what: Basic, bearer and form-login sessions, roles, CSRF on browser writes, and body limits. */
@QuarkusTest
@QueryTestResource
class SecurityApiTest {

    private static final String SESSION_COOKIE = "whalefall-session";
    private static final String SOME_SESSION = "/api/v1/sync-sessions/5f0c2d9e-3b1a-4c7e-9a52-0d6f1e8b7c34";

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/capacity/databases", "/api/v1/capacity/databases/summary",
            "/api/v1/capacity/instances", "/api/v1/capacity/instances/summary", "/api/v1/capacity/trends/databases",
            "/api/v1/capacity/trends/instances", "/api/v1/capacity/forecasts/databases",
            "/api/v1/capacity/forecasts/instances", "/api/v1/sync-sessions", SOME_SESSION, SOME_SESSION + "/events",
            "/api/v1/auth/me"})
    void everyReadNeedsAuthentication(String path) {
        given().get(path).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("success", equalTo(false)).body("error", equalTo(true))
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED")).body("error_id", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/capacity/aggregations/current", "/api/v1/capacity/aggregations/backfill",
            "/api/v1/auth/logout"})
    void everyWriteNeedsAuthentication(String path) {
        given().contentType("application/json").body("{}").post(path).then().statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
    }

    @Test
    void wrongCredentialsAreRejectedAndTheDashboardIsNotOfferedABrowserDialog() {
        given().auth().preemptive().basic("admin", "wrong").get("/api/v1/capacity/databases").then().statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/capacity/databases").then().statusCode(401);
        given().header("X-Requested-With", "XMLHttpRequest").get("/api/v1/capacity/databases").then().statusCode(401)
                .header("WWW-Authenticate", nullValue());
    }

    @Test
    void readsNeedTheViewerRoleAndTriggersTheAdminRole() {
        as("collector").get("/api/v1/capacity/databases").then().statusCode(403)
                .body("message_code", equalTo("PERMISSION_DENIED"));
        as("viewer").contentType("application/json").body("{}").post("/api/v1/capacity/aggregations/current").then()
                .statusCode(403).body("message_code", equalTo("PERMISSION_DENIED"));
        as("viewer").contentType("application/json").body("{\"from\": \"2026-01-01\", \"to\": \"2026-01-02\"}")
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(403);
        as("admin").get("/api/v1/capacity/databases").then().statusCode(200);
    }

    @Test
    void scriptsAndSystemsUseBasicOrBearerWithoutACsrfToken() {
        given().header("Authorization", "Bearer dev-admin-token").contentType("application/json").body("{}")
                .post("/api/v1/capacity/aggregations/current").then().statusCode(202);
        as("admin").contentType("application/json").body("{}").post("/api/v1/capacity/aggregations/current").then()
                .statusCode(202);
        given().header("Authorization", "Bearer dev-admin-token").get("/api/v1/auth/me").then().statusCode(200)
                .body("data.username", equalTo("dev-admin")).body("data.authentication", equalTo("bearer"))
                .body("data.roles", hasItem("viewer")).body("data.csrf_token", nullValue());
    }

    @Test
    void theLoginPageIsPublicAndAFailedLoginReturnsToItWithAnError() {
        given().get("/login.html").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("j_security_check"));
        given().redirects().follow(false).formParam("j_username", "admin").formParam("j_password", "nope")
                .post("/j_security_check").then().statusCode(302)
                .header("Location", containsString("/login.html?error=true"));
    }

    @Test
    void aBrowserSessionReadsWithItsCookieAndEveryWriteNeedsTheCsrfTokenOfItsSession() {
        String session = login("admin");
        Response me = given().cookie(SESSION_COOKIE, session).get("/api/v1/auth/me");
        me.then().statusCode(200).body("data.username", equalTo("admin"))
                .body("data.authentication", equalTo("form")).body("data.csrf_header", equalTo("X-CSRF-Token"));
        String token = me.path("data.csrf_token");
        assertThat(me.getCookie("XSRF-TOKEN")).isEqualTo(token);
        given().cookie(SESSION_COOKIE, session).get("/api/v1/capacity/databases").then().statusCode(200);

        given().cookie(SESSION_COOKIE, session).contentType("application/json").body("{}")
                .post("/api/v1/capacity/aggregations/current").then().statusCode(403)
                .body("message_code", equalTo("CSRF_MISSING"));
        given().cookie(SESSION_COOKIE, session).cookie("XSRF-TOKEN", "forged.token").header("X-CSRF-Token", "forged.token")
                .contentType("application/json").body("{}").post("/api/v1/capacity/aggregations/current").then()
                .statusCode(403).body("message_code", equalTo("CSRF_INVALID"));
        given().cookie(SESSION_COOKIE, session).header("X-CSRF-Token", token)
                .contentType("application/json").body("{}").post("/api/v1/capacity/aggregations/current").then()
                .statusCode(403).body("message_code", equalTo("CSRF_INVALID"));
        given().cookie(SESSION_COOKIE, session).cookie("XSRF-TOKEN", token).header("X-CSRF-Token", token)
                .contentType("application/json").body("{}").post("/api/v1/capacity/aggregations/current").then()
                .statusCode(202).body("data.result.status", equalTo("queued"));
        // a second call keeps the token, so that other open tabs stay valid
        assertThat(given().cookie(SESSION_COOKIE, session).cookie("XSRF-TOKEN", token).get("/api/v1/auth/me")
                .<String>path("data.csrf_token")).isEqualTo(token);
    }

    @Test
    void aTokenIssuedToAnotherUserIsInvalid() {
        String viewerToken = given().cookie(SESSION_COOKIE, login("viewer")).get("/api/v1/auth/me").path("data.csrf_token");
        String admin = login("admin");

        given().cookie(SESSION_COOKIE, admin).cookie("XSRF-TOKEN", viewerToken).header("X-CSRF-Token", viewerToken)
                .contentType("application/json").body("{}").post("/api/v1/capacity/aggregations/current").then()
                .statusCode(403).body("message_code", equalTo("CSRF_INVALID"));
    }

    @Test
    void aForgedSessionCookieAuthenticatesNobody() {
        given().cookie(SESSION_COOKIE, "forged").get("/api/v1/capacity/databases").then().statusCode(401);
        given().cookie(SESSION_COOKIE, "forged").contentType("application/json").body("{}")
                .post("/api/v1/capacity/aggregations/current").then().statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
    }

    @Test
    void logoutEndsTheBrowserSession() {
        String session = login("viewer");
        String token = given().cookie(SESSION_COOKIE, session).get("/api/v1/auth/me").path("data.csrf_token");

        given().cookie(SESSION_COOKIE, session).post("/api/v1/auth/logout").then().statusCode(403)
                .body("message_code", equalTo("CSRF_MISSING"));
        Response logout = given().cookie(SESSION_COOKIE, session).cookie("XSRF-TOKEN", token)
                .header("X-CSRF-Token", token).post("/api/v1/auth/logout");
        logout.then().statusCode(200).body("data.logged_out", equalTo(true));
        assertThat(logout.getDetailedCookie(SESSION_COOKIE).getMaxAge()).isZero();
        assertThat(logout.getDetailedCookie("XSRF-TOKEN").getMaxAge()).isZero();

        as("viewer").post("/api/v1/auth/logout").then().statusCode(200).body("data.logged_out", equalTo(false));
    }

    @Test
    void anOversizedBodyIsRefusedWithTheErrorEnvelope() {
        String padding = "x".repeat(70 * 1024);
        as("admin").contentType("application/json").body(Map.of("scope", "all", "padding", padding))
                .post("/api/v1/capacity/aggregations/current").then().statusCode(413)
                .contentType(containsString("application/json"))
                .body("message_code", equalTo("INVALID_REQUEST")).body("message", containsString("limit"));
    }

    /** Logs in through the login form; returns the session cookie. */
    private static String login(String user) {
        Response response = given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", user).post("/j_security_check");
        response.then().statusCode(302);
        String cookie = response.getCookie(SESSION_COOKIE);
        assertThat(cookie).isNotBlank();
        return cookie;
    }
}
