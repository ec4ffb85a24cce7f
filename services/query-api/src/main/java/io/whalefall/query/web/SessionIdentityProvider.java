package io.whalefall.query.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.whalefall.platform.security.Credentials;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Restores the identity of a dashboard session. The encrypted session cookie only proves who logged in;
 * the roles are looked up again on every request, so a user removed from the configuration loses access
 * at once instead of when the cookie expires.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final Credentials credentials;

    public SessionIdentityProvider(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return credentials.user(request.getPrincipal())
                .map(user -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user.name())).addRoles(user.roles()).build()))
                .orElseGet(() -> Uni.createFrom().failure(
                        new AuthenticationFailedException("the session's user is no longer configured")));
    }
}
