package io.whalefall.platform.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Checks user names and passwords (HTTP Basic and the dashboard's login form) against the configured
 * bcrypt hashes. A successful check is remembered for a while under a hash of name and password, so a
 * script calling with Basic auth pays bcrypt once, not on every request. Requests that arrive with the same
 * name and password while it is being checked wait for that one check: 32 dashboard clients whose entry
 * has just expired would otherwise run 32 bcrypts at once (about 2 CPU-seconds) and stall every request
 * behind them.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Credentials credentials;
    private final AsyncCache<String, SecurityIdentity> verified;

    public PasswordIdentityProvider(Credentials credentials, SecurityConfig config) {
        this.credentials = credentials;
        // a failed check completes its future exceptionally, which the cache drops: it is never remembered
        this.verified = Caffeine.newBuilder().expireAfterWrite(config.credentialCacheTtl()).maximumSize(10_000)
                .buildAsync();
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String name = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String cacheKey = sha256(name + '\0' + password);
        // an identity is immutable: the one built by the check serves every request until it expires
        CompletableFuture<SecurityIdentity> identity = verified.get(cacheKey, (key, executor) ->
                context.runBlocking(() -> credentials.user(name).filter(u -> BcryptUtil.matches(password, u.hash()))
                        .map(user -> identity(name, user.roles()))
                        .orElseThrow(() -> new AuthenticationFailedException("invalid user name or password")))
                        .subscribeAsCompletionStage());
        return Uni.createFrom().completionStage(identity);
    }

    static SecurityIdentity identity(String name, Set<String> roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(roles).build();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
