package io.whalefall.query.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Opens the dashboard's pages at their plain addresses ({@code /capacity/databases}): each page is a folder
 * with an {@code index.html} under {@code META-INF/resources}, which Quarkus serves only for the address with
 * a trailing slash, so the plain one is redirected there (query string kept).
 */
@ApplicationScoped
public class DashboardRoutes {

    /** The dashboard's pages, as WhaleFall names them. */
    static final List<String> PAGES = List.of("/capacity/databases", "/capacity/instances", "/sync-sessions");

    void register(@Observes Router router) {
        for (String page : PAGES) {
            router.get(page).handler(DashboardRoutes::toFolder);
        }
    }

    private static void toFolder(RoutingContext context) {
        String path = context.request().path();
        // Vert.x matches "/page/" too: that is the page itself, served by the static resources
        if (path.endsWith("/")) {
            context.next();
            return;
        }
        String query = context.request().query();
        context.response().setStatusCode(301)
                .putHeader("Location", path + "/" + (query == null ? "" : "?" + query))
                .end();
    }
}
