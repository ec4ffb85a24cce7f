package io.whalefall.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a server-sent event stream in the background, line by line, as a browser's EventSource would. */
final class SseClient implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended;
    private final HttpResponse<Stream<String>> response;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.ended = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
    }

    /** Opens {@code path} of the test server as {@code user}, optionally resuming after {@code lastEventId}. */
    static SseClient open(int port, String path, String user, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        return new SseClient(response);
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** Every line received so far. */
    List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The values of the received {@code field:} lines, e.g. {@code event} or {@code id}. */
    List<String> field(String name) {
        return lines.stream().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip())
                .toList();
    }

    /** Whether the server has closed the stream. */
    boolean ended() {
        return ended.isDone();
    }

    @Override
    public void close() {
        ended.cancel(true);
        response.body().close();
    }
}
