package io.whalefall.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
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

/**
 * Checks user names and passwords (HTTP Basic and the dashboard's login form) against the configured
 * bcrypt hashes. A successful check is remembered for a while under a hash of name and password, so a
 * script calling with Basic auth pays bcrypt once, not on every request.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Credentials credentials;
    private final Cache<String, Set<String>> verified;

    public PasswordIdentityProvider(Credentials credentials, SecurityConfig config) {
        this.credentials = credentials;
        this.verified = Caffeine.newBuilder().expireAfterWrite(config.credentialCacheTtl()).maximumSize(10_000).build();
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
        Set<String> cached = verified.getIfPresent(cacheKey);
        if (cached != null) {
            return Uni.createFrom().item(identity(name, cached));
        }
        return context.runBlocking(() -> {
            Credentials.Entry user = credentials.user(name)
                    .filter(u -> BcryptUtil.matches(password, u.hash()))
                    .orElseThrow(() -> new AuthenticationFailedException("invalid user name or password"));
            verified.put(cacheKey, user.roles());
            return identity(name, user.roles());
        });
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
