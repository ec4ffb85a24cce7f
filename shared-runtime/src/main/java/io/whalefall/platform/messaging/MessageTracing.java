package io.whalefall.platform.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;

/**
 * Carries the OpenTelemetry trace context across the outbox and RabbitMQ: the context of the transaction that
 * writes an outbox row travels with the row and is published as W3C headers, and every consumed message gets
 * a consumer span that continues it. The connector's own tracing cannot do this: it would parent published
 * messages to the relay's poll instead of the request that caused them. When the SDK is disabled (the
 * default) nothing here does any work.
 */
@ApplicationScoped
public class MessageTracing {

    /** W3C header holding the trace id and the parent span id. */
    public static final String TRACEPARENT = "traceparent";
    /** W3C header holding vendor-specific trace state. */
    public static final String TRACESTATE = "tracestate";

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> SUBSCRIPTION =
            AttributeKey.stringKey("messaging.destination.subscription.name");
    private static final AttributeKey<String> ROUTING_KEY =
            AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("whalefall.message.type");

    /** Reads AMQP header values, which arrive as the client's {@code LongString}s. */
    private static final TextMapGetter<Map<String, Object>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> headers) {
            return headers.keySet();
        }

        @Override
        public String get(Map<String, Object> headers, String key) {
            Object value = headers == null ? null : headers.get(key);
            return value == null ? null : value.toString();
        }
    };

    private final boolean enabled;
    private final TextMapPropagator propagator;
    private final Tracer tracer;

    public MessageTracing(OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        this.enabled = !sdkDisabled;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.tracer = openTelemetry.getTracer("io.whalefall.messaging");
    }

    /** The trace context of the current span, to be stored with an outbox row; {@link TraceHeaders#NONE} when off. */
    public TraceHeaders current() {
        if (!enabled) {
            return TraceHeaders.NONE;
        }
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(Context.current(), carrier, Map::put);
        String traceparent = carrier.get(TRACEPARENT);
        return traceparent == null ? TraceHeaders.NONE : new TraceHeaders(traceparent, carrier.get(TRACESTATE));
    }

    /**
     * Starts the consumer span of a message taken from {@code queue}, as a child of the trace context in its
     * headers (a new trace when it has none), and makes it current until {@link ConsumerSpan#end()}.
     */
    public ConsumerSpan consume(String queue, IncomingRabbitMQMetadata metadata) {
        if (!enabled) {
            return ConsumerSpan.NONE;
        }
        Context parent = propagator.extract(Context.root(), metadata.getHeaders(), HEADERS);
        Span span = tracer.spanBuilder("process " + queue)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "rabbitmq")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, metadata.getExchange())
                .setAttribute(SUBSCRIPTION, queue)
                .setAttribute(ROUTING_KEY, metadata.getRoutingKey())
                .setAttribute(MESSAGE_ID, metadata.getMessageId().orElse(null))
                .startSpan();
        return new ConsumerSpan(span, span.makeCurrent());
    }

    /**
     * A trace context as W3C header values.
     *
     * @param traceparent the {@code traceparent} value, null when there is none
     * @param tracestate  the {@code tracestate} value, null when there is none
     */
    public record TraceHeaders(String traceparent, String tracestate) {
        /** No trace context. */
        public static final TraceHeaders NONE = new TraceHeaders(null, null);
    }

    /** The span of one consumed message while the inbox handles it; does nothing when tracing is off. */
    public static final class ConsumerSpan {

        static final ConsumerSpan NONE = new ConsumerSpan(null, null);

        private final Span span;
        private final Scope scope;

        private ConsumerSpan(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Records the envelope's message type once it is decoded. */
        public void messageType(String type) {
            if (span != null) {
                span.setAttribute(MESSAGE_TYPE, type);
            }
        }

        /** Records why handling failed (dead-lettered or to be retried). */
        public void failed(Throwable failure) {
            if (span != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            }
        }

        /** Ends the span and restores the context that was current before it; call on the same thread. */
        public void end() {
            if (span != null) {
                scope.close();
                span.end();
            }
        }
    }
}
