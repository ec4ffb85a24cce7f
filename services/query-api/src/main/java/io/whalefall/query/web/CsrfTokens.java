package io.whalefall.query.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues and checks the dashboard's CSRF tokens: {@code nonce.signature}, the signature being an HMAC of
 * the user name and the nonce under a key derived from the session encryption key. A token is thus bound
 * to its user and cannot be forged without the server's key; the filter also requires it to match the
 * {@code XSRF-TOKEN} cookie of the browser it was issued to (signed double submit).
 */
@ApplicationScoped
public class CsrfTokens {

    /** Header every browser write carries. */
    public static final String HEADER = "X-CSRF-Token";
    /** Cookie holding the token, readable by the dashboard's scripts. */
    public static final String COOKIE = "XSRF-TOKEN";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public CsrfTokens(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        // SessionKeyCheck refuses to start without a session key; the random fallback only keeps this bean usable
        byte[] secret = sessionKey.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return bytes;
        });
        // a key of its own, derived from the session key, so that CSRF signatures never equal session material
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret, ALGORITHM), "whalefall-csrf-v1"), ALGORITHM);
    }

    /** A fresh token for {@code user}. */
    public String issue(String user) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String encodedNonce = ENCODER.encodeToString(nonce);
        return encodedNonce + "." + signature(user, encodedNonce);
    }

    /** Whether {@code token} was issued by this server to {@code user}. */
    public boolean valid(String user, String token) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return false;
        }
        String expected = signature(user, token.substring(0, dot));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
    }

    private String signature(String user, String nonce) {
        return ENCODER.encodeToString(hmac(key, user + "\n" + nonce));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
