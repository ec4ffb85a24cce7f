package io.whalefall.platform.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.credential.PasswordCredential;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordIdentityProviderTest {

    private static final String HASH = BcryptUtil.bcryptHash("viewer");

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final CountingCredentials credentials = new CountingCredentials();
    private final PasswordIdentityProvider provider = new PasswordIdentityProvider(credentials, config());

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void concurrentRequestsWithTheSameNewPasswordAreCheckedOnce() {
        List<CompletableFuture<SecurityIdentity>> requests = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            requests.add(authenticate("viewer", "viewer"));
        }

        assertThat(requests).allSatisfy(request -> {
            SecurityIdentity identity = request.join();
            assertThat(identity.getPrincipal().getName()).isEqualTo("viewer");
            assertThat(identity.getRoles()).containsExactly("viewer");
        });
        assertThat(credentials.lookups).hasValue(1);
        // and a later request is answered from the remembered check
        assertThat(authenticate("viewer", "viewer").join().getRoles()).containsExactly("viewer");
        assertThat(credentials.lookups).hasValue(1);
    }

    @Test
    void aWrongPasswordIsRefusedEveryTimeAndDoesNotSpoilTheRightOne() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authenticate("viewer", "guess").join())
                    .hasCauseInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(authenticate("viewer", "viewer").join().getRoles()).containsExactly("viewer");
    }

    private CompletableFuture<SecurityIdentity> authenticate(String name, String password) {
        return provider.authenticate(new UsernamePasswordAuthenticationRequest(name,
                new PasswordCredential(password.toCharArray())), new Blocking()).subscribeAsCompletionStage();
    }

    /** Runs blocking work on a worker pool, as Quarkus does. */
    private final class Blocking implements AuthenticationRequestContext {
        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            return Uni.createFrom().item(function).runSubscriptionOn(workers);
        }
    }

    /** One user, viewer/viewer; counts how often a password is checked against it. */
    private static final class CountingCredentials extends Credentials {
        final AtomicInteger lookups = new AtomicInteger();

        CountingCredentials() {
            super(config());
        }

        @Override
        public Optional<Entry> user(String name) {
            lookups.incrementAndGet();
            return Optional.of(new Entry("viewer", HASH, Set.of("viewer")));
        }
    }

    private static SecurityConfig config() {
        return new SecurityConfig() {
            @Override
            public Optional<List<String>> users() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> tokens() {
                return Optional.empty();
            }

            @Override
            public Duration credentialCacheTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public boolean requireCredentials() {
                return false;
            }
        };
    }
}
