package io.whalefall.testing;

import io.whalefall.contracts.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The bus as another system sees it: publishes envelopes to exchanges and reads what the services
 * publish, through queues of its own bound to {@code whalefall.events}.
 */
public final class TestBus implements AutoCloseable {

    /** JSON as the services write it: snake_case, ISO dates. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Connection connection;
    private final Channel channel;

    /** Connects to {@code virtualHost} on the local broker. */
    public TestBus(String virtualHost) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestInfrastructure.rabbitHost());
        factory.setPort(TestInfrastructure.rabbitPort());
        factory.setUsername(TestInfrastructure.rabbitUser());
        factory.setPassword(TestInfrastructure.rabbitPassword());
        factory.setVirtualHost(virtualHost);
        try {
            connection = factory.newConnection("whalefall-tests");
            channel = connection.createChannel();
            channel.confirmSelect();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot connect to RabbitMQ vhost " + virtualHost, e);
        }
    }

    /** Builds an envelope around {@code payload} with a fresh message id, at the version this build writes. */
    public static ObjectNode envelope(String type, Object payload) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("message_id", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("version", MessageType.CURRENT_VERSION);
        envelope.put("occurred_at", Instant.now().toString());
        envelope.put("source", "tests");
        envelope.put("correlation_id", UUID.randomUUID().toString());
        envelope.set("payload", JSON.valueToTree(payload));
        return envelope;
    }

    /** Publishes a JSON document, waiting for the broker's confirm. */
    public void publish(String exchange, String routingKey, JsonNode document) {
        publish(exchange, routingKey, document, Map.of());
    }

    /** Publishes a JSON document with AMQP headers (a trace context, say), waiting for the broker's confirm. */
    public void publish(String exchange, String routingKey, JsonNode document, Map<String, Object> headers) {
        publishRaw(exchange, routingKey, document.toString().getBytes(StandardCharsets.UTF_8),
                document.path("message_id").asText(null), document.path("type").asText(null), headers);
    }

    /** Publishes raw bytes, as a misbehaving system might, waiting for the broker's confirm. */
    public void publishRaw(String exchange, String routingKey, byte[] body, String messageId, String type) {
        publishRaw(exchange, routingKey, body, messageId, type, Map.of());
    }

    /** Publishes raw bytes with AMQP headers, waiting for the broker's confirm. */
    public void publishRaw(String exchange, String routingKey, byte[] body, String messageId, String type,
            Map<String, Object> headers) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).messageId(messageId).type(type).headers(headers).build();
        try {
            channel.basicPublish(exchange, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish to " + exchange + "/" + routingKey, e);
        }
    }

    /**
     * Declares a queue of the test's own, bound to {@code exchange} with the routing keys, so that the
     * test sees what the services publish from now on.
     */
    public String tap(String exchange, String... routingKeys) {
        try {
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare("test-tap-" + UUID.randomUUID(), false, true, true, Map.of()).getQueue();
            for (String key : routingKeys) {
                channel.queueBind(queue, exchange, key);
            }
            return queue;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot tap " + exchange, e);
        }
    }

    /** Takes every message now waiting in {@code queue}. */
    public List<Received> drain(String queue) {
        List<Received> received = new ArrayList<>();
        try {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                received.add(new Received(JSON.readTree(response.getBody()), response.getProps().getHeaders(),
                        new String(response.getBody(), StandardCharsets.UTF_8), response.getEnvelope().getRoutingKey()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + queue, e);
        }
        return received;
    }

    /** Takes every message now waiting in {@code queue} without parsing it (dead letters may not be JSON). */
    public List<RawMessage> drainRaw(String queue) {
        List<RawMessage> received = new ArrayList<>();
        try {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                received.add(new RawMessage(new String(response.getBody(), StandardCharsets.UTF_8),
                        response.getProps().getHeaders() == null ? Map.of() : response.getProps().getHeaders()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + queue, e);
        }
        return received;
    }

    /** Number of messages ready in {@code queue}. */
    public long depth(String queue) {
        try {
            return channel.messageCount(queue);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot inspect " + queue, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | ShutdownSignalException e) {
            // the broker is going away too, or the connection is already gone; nothing to release
        }
    }

    /** A message read from a tap: its parsed body, AMQP headers, text and the routing key it was published with. */
    public record Received(JsonNode body, Map<String, Object> headers, String text, String routingKey) {
        /** The envelope's type. */
        public String type() {
            return body.path("type").asText();
        }

        /** The envelope's payload. */
        public JsonNode payload() {
            return body.path("payload");
        }
    }

    /** A message read without parsing. */
    public record RawMessage(String body, Map<String, Object> headers) {
        /** A header as text. */
        public String header(String name) {
            Object value = headers.get(name);
            return value == null ? null : value.toString();
        }
    }
}
