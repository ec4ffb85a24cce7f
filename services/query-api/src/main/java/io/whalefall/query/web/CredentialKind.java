package io.whalefall.query.web;

import io.vertx.core.http.HttpServerRequest;

/** How a request carries its credentials: which decides whether it needs a CSRF token. */
public enum CredentialKind {
    /** {@code Authorization: Basic}: scripts; a browser cannot forge the header cross-site. */
    BASIC,
    /** {@code Authorization: Bearer}: other systems. */
    BEARER,
    /** The dashboard's form-login session cookie, which a browser attaches to any request: CSRF applies. */
    SESSION_COOKIE,
    /** No credentials. */
    NONE;

    /** The kind of {@code request}, given the name of the form-login cookie. */
    public static CredentialKind of(HttpServerRequest request, String sessionCookie) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            String value = authorization.stripLeading();
            if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
                return BASIC;
            }
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return BEARER;
            }
        }
        return request.getCookie(sessionCookie) != null ? SESSION_COOKIE : NONE;
    }

    /** The name the API reports ({@code /api/v1/auth/me}). */
    public String label() {
        return switch (this) {
            case BASIC -> "basic";
            case BEARER -> "bearer";
            case SESSION_COOKIE -> "form";
            case NONE -> "none";
        };
    }
}
