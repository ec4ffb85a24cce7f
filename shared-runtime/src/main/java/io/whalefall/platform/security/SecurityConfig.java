package io.whalefall.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may call the service's API. Secrets are stored hashed, never in clear text. */
@ConfigMapping(prefix = "whalefall.security")
public interface SecurityConfig {

    /**
     * Users for HTTP Basic and the dashboard login, each {@code name:roles:bcrypt-hash} with roles joined
     * by {@code +} (e.g. {@code ops:admin:$2a$10$...}).
     */
    Optional<List<String>> users();

    /**
     * API tokens for {@code Authorization: Bearer}, each {@code name:roles:sha256-hex-of-token}.
     */
    Optional<List<String>> tokens();

    /** How long a verified password is remembered, so that Basic auth does not pay bcrypt on every call. */
    @WithDefault("5m")
    Duration credentialCacheTtl();

    /** Refuse to start without any configured user or token (production must configure them). */
    @WithDefault("true")
    boolean requireCredentials();
}
