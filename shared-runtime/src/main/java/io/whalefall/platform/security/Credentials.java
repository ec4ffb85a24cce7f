package io.whalefall.platform.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The configured users and tokens, parsed and checked once at start-up. */
@ApplicationScoped
public class Credentials {

    /** A user or token: the hash of its secret and the roles it grants. */
    public record Entry(String name, String hash, Set<String> roles) {
    }

    private final Map<String, Entry> users;
    private final Map<String, Entry> tokensByHash;
    private final boolean required;

    public Credentials(SecurityConfig config) {
        this.users = parse(config.users(), "whalefall.security.users").stream()
                .collect(Collectors.toUnmodifiableMap(Entry::name, e -> e));
        Map<String, Entry> tokens = new HashMap<>();
        for (Entry token : parse(config.tokens(), "whalefall.security.tokens")) {
            tokens.put(token.hash().toLowerCase(Locale.ROOT), token);
        }
        this.tokensByHash = Map.copyOf(tokens);
        this.required = config.requireCredentials();
    }

    void check(@Observes StartupEvent event) {
        if (required && users.isEmpty() && tokensByHash.isEmpty()) {
            throw new IllegalStateException("No API credentials are configured. Set WHALEFALL_SECURITY_USERS "
                    + "(name:roles:bcrypt-hash,...) and/or WHALEFALL_SECURITY_TOKENS (name:roles:sha256-hex,...); "
                    + "see the README.");
        }
    }

    /** The user of that name, if configured. */
    public Optional<Entry> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** The token whose SHA-256 is {@code sha256Hex}, if configured. */
    public Optional<Entry> tokenByHash(String sha256Hex) {
        return Optional.ofNullable(tokensByHash.get(sha256Hex));
    }

    private static List<Entry> parse(Optional<List<String>> entries, String key) {
        return entries.orElse(List.of()).stream().filter(s -> !s.isBlank()).map(s -> parse(s.trim(), key)).toList();
    }

    private static Entry parse(String entry, String key) {
        String[] parts = entry.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new IllegalStateException(key + " entries must look like name:role+role:hash, got '"
                    + parts[0] + ":…'");
        }
        Set<String> roles = Arrays.stream(parts[1].split("\\+")).map(String::trim).collect(Collectors.toSet());
        for (String role : roles) {
            if (!Set.of(Roles.ADMIN, Roles.VIEWER, Roles.COLLECTOR).contains(role)) {
                throw new IllegalStateException(key + ": unknown role '" + role + "' for " + parts[0]);
            }
        }
        return new Entry(parts[0], parts[2], Roles.expand(roles));
    }
}
