package io.whalefall.query.web;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.whalefall.platform.api.ErrorMappers;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Optional;

/**
 * Sends a browser whose login form was rejected back to the login page with an error, as a form login
 * must; every other authentication failure keeps the API's 401 error envelope. (With proactive
 * authentication off, Quarkus hands the login post's failure to the REST exception mappers too.)
 */
public class LoginFailureMapper {

    private final ErrorMappers api = new ErrorMappers();
    private final String postLocation;
    private final Optional<String> errorPage;

    public LoginFailureMapper(@ConfigProperty(name = "quarkus.http.auth.form.post-location") String postLocation,
            @ConfigProperty(name = "quarkus.http.auth.form.error-page") Optional<String> errorPage) {
        this.postLocation = postLocation;
        this.errorPage = errorPage;
    }

    /** Runs before the shared envelope mapper of the same exception. */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        if (errorPage.isPresent() && request.method() == HttpMethod.POST && request.path().endsWith(postLocation)) {
            return Response.status(Response.Status.FOUND).location(URI.create(errorPage.get()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return api.authenticationFailed(e, request);
    }
}
