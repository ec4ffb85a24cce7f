package io.whalefall.query.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSRF tokens are bound to their user and to the server's key; the service needs a real key to start. */
class CsrfTokensTest {

    private static final Optional<String> KEY = Optional.of("unit-test-session-key-0123456789abcdef");

    @Test
    void aTokenIsValidForItsUserOnly() {
        CsrfTokens tokens = new CsrfTokens(KEY);
        String token = tokens.issue("alice");

        assertThat(tokens.valid("alice", token)).isTrue();
        assertThat(tokens.valid("bob", token)).isFalse();
        assertThat(tokens.issue("alice")).isNotEqualTo(token);
    }

    @Test
    void tamperedOrForeignTokensAreInvalid() {
        String token = new CsrfTokens(KEY).issue("alice");
        CsrfTokens otherServer = new CsrfTokens(Optional.of("another-session-key-0123456789abcdefgh"));

        assertThat(otherServer.valid("alice", token)).isFalse();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(new CsrfTokens(KEY).valid("alice", tampered)).isFalse();
        assertThat(new CsrfTokens(KEY).valid("alice", "no-dot")).isFalse();
        assertThat(new CsrfTokens(KEY).valid("alice", null)).isFalse();
    }

    @Test
    void theServiceRefusesToStartWithoutAStrongSessionKey() {
        assertThatThrownBy(() -> new SessionKeyCheck(Optional.empty()).check(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WHALEFALL_SESSION_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new SessionKeyCheck(Optional.of("short")).check(null))
                .isInstanceOf(IllegalStateException.class);
        new SessionKeyCheck(KEY).check(null);
    }
}
