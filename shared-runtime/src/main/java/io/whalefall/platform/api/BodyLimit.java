package io.whalefall.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with the
 * WhaleFall error envelope (413), in every service. Quarkus enforces the same limit, but with an empty
 * response; this runs just before it. Bodies sent without a length are still cut off by Quarkus.
 */
@ApplicationScoped
public class BodyLimit {

    /** Runs before Quarkus' own limit handler (route order -2): filter priority p becomes route order -p. */
    private static final int PRIORITY = 100;

    private final long limit;
    private final ObjectMapper mapper;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && declared(length) > limit) {
            reject(context);
            return;
        }
        context.next();
    }

    private void reject(RoutingContext context) {
        String body;
        try {
            body = mapper.writeValueAsString(ErrorResponse.of(ErrorCode.INVALID_REQUEST,
                    "The request body is larger than the limit of " + limit + " bytes", Map.of("limit_bytes", limit)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the error envelope", e);
        }
        // the rest of the oversized body is not read: the connection closes once the answer is sent
        context.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .endHandler(ignored -> context.request().connection().close())
                .end(body);
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            // not a number: Vert.x rejects the request itself
            return -1;
        }
    }
}
