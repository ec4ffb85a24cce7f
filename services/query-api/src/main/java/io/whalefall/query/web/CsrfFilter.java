package io.whalefall.query.web;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.whalefall.platform.api.ErrorCode;
import io.whalefall.platform.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * Requires a CSRF token on every browser write: an unsafe method (POST, PUT, PATCH, DELETE) authenticated
 * by the form-login session cookie must send {@code X-CSRF-Token} with the token from
 * {@code GET /api/v1/auth/me}, equal to the {@code XSRF-TOKEN} cookie. Basic and bearer clients are not
 * affected: a browser cannot attach those headers to a forged cross-site request.
 */
public class CsrfFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final CsrfTokens tokens;
    private final CurrentIdentityAssociation identity;
    private final String sessionCookie;

    public CsrfFilter(CsrfTokens tokens, CurrentIdentityAssociation identity,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.tokens = tokens;
        this.identity = identity;
        this.sessionCookie = sessionCookie;
    }

    @ServerRequestFilter
    public Uni<Response> requireToken(HttpServerRequest request) {
        if (SAFE_METHODS.contains(request.method().name())
                || CredentialKind.of(request, sessionCookie) != CredentialKind.SESSION_COOKIE) {
            return Uni.createFrom().nullItem();
        }
        // an expired or forged session cookie authenticates nobody: leave the 401 to the endpoint's role check
        return identity.getDeferredIdentity().map(user -> user.isAnonymous() ? null
                : check(request, user.getPrincipal().getName()));
    }

    private Response check(HttpServerRequest request, String user) {
        String header = request.getHeader(CsrfTokens.HEADER);
        if (header == null || header.isBlank()) {
            return reject(ErrorCode.CSRF_MISSING, "This request needs the " + CsrfTokens.HEADER + " header");
        }
        Cookie cookie = request.getCookie(CsrfTokens.COOKIE);
        boolean matchesCookie = cookie != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                cookie.getValue().getBytes(StandardCharsets.UTF_8));
        if (!matchesCookie || !tokens.valid(user, header)) {
            return reject(ErrorCode.CSRF_INVALID, "The CSRF token does not match your session");
        }
        return null;
    }

    private static Response reject(ErrorCode code, String message) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(code, message, Map.of())).build();
    }
}
