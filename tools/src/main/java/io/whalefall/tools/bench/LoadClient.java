package io.whalefall.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The HTTP client of the query loads: blocking GETs on kept-alive connections ({@link HttpURLConnection}),
 * each answer checked for status 200 and the API envelope's {@code "success":true}, its body read and
 * dropped. The load generator shares the machine with the system it measures, so its cost per request
 * is part of every figure: measured here against query-api, {@code java.net.http.HttpClient} took
 * 0.52 ms of CPU per list request and this client 0.15 ms, and parsing each 15 kB answer into a JSON
 * tree more again. Answers are checked in full by the phases' correctness checks, not in the load loop.
 */
final class LoadClient {

    private static final byte[] SUCCESS = "{\"success\":true".getBytes(StandardCharsets.US_ASCII);

    static {
        // the JDK keeps at most 5 idle connections per host by default: one per load client is needed,
        // or every request beyond the fifth would open a new connection
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    private final String authorization;

    LoadClient(String user, String password) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** GETs {@code url}; throws unless it answered 200 with a successful envelope. */
    void get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Authorization", authorization);
        connection.setRequestProperty("Accept", "application/json");
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(60_000);
        int status = connection.getResponseCode();
        // reading the body to its end is what returns the connection to the keep-alive cache
        try (InputStream body = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            byte[] start = body == null ? new byte[0] : body.readNBytes(SUCCESS.length);
            if (body != null) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            if (status != 200 || !Arrays.equals(start, SUCCESS)) {
                throw new IOException("GET " + url + " answered " + status);
            }
        }
    }
}
