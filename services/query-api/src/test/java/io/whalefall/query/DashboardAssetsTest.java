package io.whalefall.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The dashboard is served whole and offline: every page, every script module it imports (transitively) and
 * every stylesheet, image and WebJar asset it names answers 200 from this service, with the security headers.
 * (The browser tests in e2e-tests drive the pages themselves.)
 */
@QuarkusTest
@QueryTestResource
class DashboardAssetsTest {

    private static final List<String> PAGES = List.of("/", "/login.html", "/capacity/databases/",
            "/capacity/instances/", "/sync-sessions/");
    private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"");
    private static final Pattern JS_IMPORT = Pattern.compile("(?:from|import)\\s+'([^']+)'");

    @Test
    void everyPageAndEverythingItLoadsIsServedFromThisService() {
        Set<String> assets = new LinkedHashSet<>();
        for (String page : PAGES) {
            String html = given().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .extract().asString();
            assertThat(html).doesNotContain("http://", "https://");
            HTML_REFERENCE.matcher(html).results().map(m -> m.group(1)).forEach(assets::add);
        }
        assertThat(assets).anyMatch(a -> a.startsWith("/webjars/chart.js/"))
                .anyMatch(a -> a.startsWith("/webjars/bootstrap/")).anyMatch(a -> a.startsWith("/js/pages/"));

        Deque<String> modules = new ArrayDeque<>(assets.stream().filter(a -> a.endsWith(".js")).toList());
        Set<String> seen = new LinkedHashSet<>();
        while (!modules.isEmpty()) {
            String module = modules.pop();
            if (!seen.add(module) || module.startsWith("/webjars/")) {
                continue;
            }
            String source = served(module, "javascript");
            Matcher imports = JS_IMPORT.matcher(source);
            while (imports.find()) {
                modules.push(URI.create(module).resolve(imports.group(1)).getPath());
            }
        }
        assertThat(seen).contains("/js/api/client.js", "/js/components/trend-chart.js", "/js/components/session-progress.js");
        for (String asset : assets) {
            served(asset, asset.endsWith(".css") ? "css" : asset.endsWith(".svg") ? "svg" : "");
        }
    }

    @Test
    void thePlainPageAddressesLeadToThePages() {
        given().redirects().follow(false).get("/capacity/databases?period_type=weekly").then().statusCode(301)
                .header("Location", "/capacity/databases/?period_type=weekly");
        given().redirects().follow(false).get("/sync-sessions").then().statusCode(301)
                .header("Location", "/sync-sessions/");
        given().get("/capacity/instances").then().statusCode(200).body(containsString("/js/pages/instances.js"));
    }

    private static String served(String path, String type) {
        Response response = given().get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        assertThat(response.contentType()).as("type of %s", path).contains(type);
        return response.asString();
    }
}
