package io.whalefall.query.web;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.whalefall.platform.api.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The caller's identity and CSRF token for the dashboard, and logout of the dashboard's session. */
@Path("/api/v1/auth")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AuthResource {

    private final SecurityIdentity identity;
    private final CsrfTokens tokens;
    private final String sessionCookie;

    public AuthResource(SecurityIdentity identity, CsrfTokens tokens,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.identity = identity;
        this.tokens = tokens;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("/me")
    @Operation(summary = "Who am I", description = "The user, its roles and how it authenticated. For a form-login "
            + "session also the CSRF token, set as cookie XSRF-TOKEN too, that every write must send in X-CSRF-Token.")
    public ApiResponse<AuthView> me(RoutingContext context) {
        String user = identity.getPrincipal().getName();
        CredentialKind kind = CredentialKind.of(context.request(), sessionCookie);
        String token = null;
        if (kind == CredentialKind.SESSION_COOKIE) {
            Cookie current = context.request().getCookie(CsrfTokens.COOKIE);
            // keep a valid token, so that several open tabs do not invalidate each other's
            token = current != null && tokens.valid(user, current.getValue()) ? current.getValue() : tokens.issue(user);
            context.response().addCookie(Cookie.cookie(CsrfTokens.COOKIE, token).setPath("/")
                    .setSameSite(CookieSameSite.STRICT).setHttpOnly(false).setSecure(context.request().isSSL()));
        }
        return ApiResponse.ok("Authenticated as " + user, new AuthView(user,
                identity.getRoles().stream().sorted().toList(), kind.label(), token,
                token == null ? null : CsrfTokens.HEADER));
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Log out", description = "Ends the dashboard's form-login session (its cookie and CSRF token). "
            + "Basic and bearer clients have no session to end.")
    public ApiResponse<Map<String, Object>> logout(RoutingContext context) {
        boolean session = CredentialKind.of(context.request(), sessionCookie) == CredentialKind.SESSION_COOKIE;
        if (session) {
            // replaces any refreshed session cookie the login mechanism queued on this response
            context.response().addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0));
            context.response().addCookie(Cookie.cookie(CsrfTokens.COOKIE, "").setPath("/").setMaxAge(0));
        }
        return ApiResponse.ok(session ? "Logged out" : "Nothing to log out: Basic and bearer clients have no session",
                Map.of("logged_out", session));
    }
}
