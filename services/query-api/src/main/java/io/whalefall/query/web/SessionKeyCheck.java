package io.whalefall.query.web;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses to start without a strong session encryption key. Quarkus would otherwise invent a random key
 * per process: dashboard sessions would break on every restart and on every other replica, and the CSRF
 * signing key (derived from it) with them.
 */
@ApplicationScoped
public class SessionKeyCheck {

    /** Shortest key accepted. */
    static final int MIN_LENGTH = 32;

    private final Optional<String> key;

    public SessionKeyCheck(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> key) {
        this.key = key;
    }

    void check(@Observes StartupEvent event) {
        if (key.map(String::strip).orElse("").length() < MIN_LENGTH) {
            throw new IllegalStateException("No session encryption key is configured: set WHALEFALL_SESSION_ENCRYPTION_KEY "
                    + "to a random secret of at least " + MIN_LENGTH + " characters, the same on every replica (see the README).");
        }
    }
}
