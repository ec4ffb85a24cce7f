package io.whalefall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.metrics.MetricPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.whalefall.contracts.ContractSchemas.errors;
import static io.whalefall.contracts.JsonValues.normalised;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document is the contract another system reads: it names every message type with the exchange and
 * routing key {@link MessageType} publishes it with, binds every consumer queue to exactly the routing keys of the
 * messages it lists, and everything it refers to exists.
 */
class AsyncApiDocumentTest {

    private static final JsonNode DOC = ContractFiles.asyncApi();
    private static final String DOCUMENT_PATH = "asyncapi.yaml";
    private static final String DEAD_LETTER = "DeadLetter";
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void isAnAsyncApi3DocumentForTheLocalBroker() {
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(DOC.at("/info/title").asText()).isNotBlank();
        assertThat(DOC.at("/info/version").asText()).isNotBlank();
        assertThat(DOC.at("/servers/local/protocol").asText()).isEqualTo("amqp");
        assertThat(DOC.at("/servers/local/host").asText()).isEqualTo("127.0.0.1:5672");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void describesTheMessageTypeWithItsEnvelopeAndPayloadSchema(MessageType type) {
        JsonNode message = DOC.path("components").path("messages").path(type.typeName());

        assertThat(message.path("name").asText()).isEqualTo(type.typeName());
        assertThat(message.at("/bindings/amqp/messageType").asText()).isEqualTo(type.typeName());
        assertThat(message.at("/payload/allOf/0/$ref").asText()).isEqualTo("./schemas/" + ContractFiles.ENVELOPE_SCHEMA);
        assertThat(message.at("/payload/allOf/1/properties/type/const").asText()).isEqualTo(type.typeName());
        assertThat(message.at("/payload/allOf/1/properties/payload/$ref").asText())
                .isEqualTo("./schemas/" + ContractFiles.schemaFileName(type));
        assertThat(resolve(message.at("/traits/0")).path("contentType").asText()).isEqualTo("application/json");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void publishesTheMessageTypeOnItsExchangeWithItsRoutingKey(MessageType type) {
        List<JsonNode> channels = publishChannels().stream().filter(channel -> lists(channel, type)).toList();

        assertThat(channels).as("channels publishing %s", type.typeName()).hasSize(1);
        JsonNode channel = channels.get(0);
        JsonNode amqp = amqpBinding(channel);
        assertThat(channel.path("address").asText()).isEqualTo(address(type));
        assertThat(amqp.at("/exchange/name").asText()).isEqualTo(type.destination().defaultExchange());
        assertThat(amqp.at("/exchange/type").asText()).isEqualTo("topic");
        assertThat(amqp.at("/exchange/durable").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void namesAConsumerQueueForTheMessageType(MessageType type) {
        assertThat(queueChannels().stream().filter(channel -> lists(channel, type)).map(c -> c.path("address").asText()))
                .as("queues receiving %s", type.typeName()).isNotEmpty();
    }

    @Test
    void describesNoMessageTypeThatMessageTypeDoesNotKnow() {
        Set<String> typeNames = Arrays.stream(MessageType.values()).map(MessageType::typeName).collect(Collectors.toSet());
        Set<String> routingKeys = Arrays.stream(MessageType.values()).map(AsyncApiDocumentTest::address)
                .collect(Collectors.toSet());

        Set<String> messages = fieldNames(DOC.at("/components/messages"));
        messages.remove(DEAD_LETTER);
        assertThat(messages).isEqualTo(typeNames);
        assertThat(publishChannels().stream().map(channel -> channel.path("address").asText()))
                .containsExactlyInAnyOrderElementsOf(routingKeys);
    }

    @Test
    void bindsEveryQueueToTheRoutingKeysOfTheMessagesItLists() {
        assertThat(queueChannels()).hasSize(9).allSatisfy(channel -> {
            String queue = channel.path("address").asText();
            Set<String> expected = new HashSet<>();
            fieldNames(channel.path("messages")).forEach(name -> {
                MessageType type = MessageType.byTypeName(name).orElseThrow();
                String exchange = type.destination().defaultExchange() + " ";
                if (address(type).equals(type.routingKey())) {
                    expected.add(exchange + type.routingKey());
                } else if (queue.contains("{partition}")) {
                    expected.add(exchange + address(type));
                    // partition 0 also takes the events of publishers from before partitions
                    expected.add(exchange + type.routingKey());
                } else {
                    // one queue for every partition, and for the events of publishers from before partitions
                    expected.add(exchange + type.routingKey() + ".#");
                }
            });
            Set<String> declared = new HashSet<>();
            channel.path("x-whalefall-queue-bindings").forEach(binding ->
                    declared.add(binding.path("exchange").asText() + " " + binding.path("routing-key").asText()));

            assertThat(declared).as("bindings of %s", queue).isEqualTo(expected);
        });
    }

    @Test
    void declaresEveryQueueAsADurableQuorumQueueWithItsDeadLetterQueue() {
        Set<String> deadLetterQueues = new HashSet<>();
        DOC.at("/components/parameters/consumerQueue/enum").forEach(q -> deadLetterQueues.add(q.asText()));

        assertThat(queueChannels()).allSatisfy(channel -> {
            String queue = channel.path("address").asText();
            JsonNode amqp = amqpBinding(channel);
            JsonNode arguments = channel.path("x-whalefall-queue-arguments");
            assertThat(amqp.at("/queue/name").asText()).isEqualTo(queue);
            assertThat(amqp.at("/queue/durable").asBoolean()).isTrue();
            assertThat(arguments.path("x-queue-type").asText()).isEqualTo("quorum");
            assertThat(arguments.path("x-delivery-limit").asInt()).isEqualTo(10);
            assertThat(arguments.path("x-dead-letter-exchange").asText())
                    .isEqualTo(Destination.DEAD_LETTERS.defaultExchange());
            assertThat(arguments.path("x-dead-letter-routing-key").asText()).isEqualTo(queue);
        });
        assertThat(deadLetterQueues).isEqualTo(queueChannels().stream()
                .flatMap(c -> partitionsOf(c.path("address").asText()).stream()).collect(Collectors.toSet()));
        assertThat(amqpBinding(DOC.at("/channels/deadLetters")).at("/exchange/name").asText())
                .isEqualTo(Destination.DEAD_LETTERS.defaultExchange());
    }

    @Test
    void documentsTheDeadLetterHeadersTheConsumersAdd() {
        Set<String> headers = fieldNames(DOC.at("/components/messages/" + DEAD_LETTER + "/headers/properties"));

        assertThat(headers).containsExactlyInAnyOrder("x-whalefall-dead-letter-reason", "x-whalefall-original-queue",
                "x-whalefall-original-exchange", "x-whalefall-original-routing-key", "x-whalefall-rejected-by",
                "x-whalefall-rejected-at");
    }

    @Test
    void everyOperationSendsOrReceivesMessagesOfItsOwnChannel() {
        DOC.path("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            String channelRef = operation.at("/channel/$ref").asText();
            assertThat(operation.path("action").asText()).as(entry.getKey()).isIn("send", "receive");
            assertThat(resolve(operation.path("channel")).isMissingNode()).as(entry.getKey()).isFalse();
            assertThat(operation.path("messages")).as(entry.getKey()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.path("$ref").asText()).startsWith(channelRef + "/messages/"));
        });
    }

    @Test
    void everyReferenceResolvesToAnExistingFileAndNode() {
        assertThat(ContractFiles.unresolvableRefs(ContractFiles.ASYNCAPI)).isEmpty();
        assertThat(ContractFiles.refs(DOC)).filteredOn(ref -> ref.startsWith("./schemas/"))
                .hasSizeGreaterThan(MessageType.values().length);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theMessagePayloadSchemaAcceptsTheGoldenExampleAndNoOtherType(MessageType type) {
        JsonSchema schema = messagePayloadSchema(type);
        MessageType other = MessageType.values()[(type.ordinal() + 1) % MessageType.values().length];

        assertThat(errors(schema, ContractFiles.example(type))).isEmpty();
        assertThat(errors(schema, ContractFiles.example(other))).isNotEmpty();
    }

    @Test
    void explainsHowAnotherSystemRequestsAnAggregation() {
        MessageType requested = MessageType.AGGREGATION_REQUESTED;
        String description = DOC.at("/info/description").asText();

        assertThat(description).contains("## How to request an aggregation from another system",
                "`" + requested.destination().defaultExchange() + "`", "`" + requested.routingKey() + "`",
                "`application/json`", "`delivery_mode` 2");
        JsonNode documented = ContractFiles.parseJson(jsonBlockOf(description));
        assertThat(normalised(documented)).isEqualTo(normalised(ContractFiles.example(requested)));
        assertThat(errors(messagePayloadSchema(requested), documented)).isEmpty();
        assertThat(description).contains(RunId.forRequest(documented.at("/payload/request_id").asText()).toString());
    }

    @Test
    void explainsHowASeriesIdIsComputedWithAWorkedExample() {
        String description = DOC.at("/info/description").asText();
        Map<String, String> labels = Map.of("instance", "pg-orders-01", "database", "orders");

        assertThat(description).contains("## Metric series and windows", "\"whalefall-series:\"",
                "`" + SeriesIds.canonical("db.query_latency_ms", labels) + "`",
                "`" + SeriesIds.of("db.query_latency_ms", labels) + "`");
    }

    @Test
    void documentsTheMetricWindowSemanticsReadersRelyOn() {
        // compared as running text: where the document wraps its lines does not matter
        String description = DOC.at("/info/description").asText().replaceAll("\\s+", " ");

        assertThat(description).contains("epoch in UTC",
                "the delta is merged into the minute window and into the hour and day windows above it",
                "events may be applied in any order, but each exactly once", "DDSketch with 1% relative accuracy");
    }

    @Test
    void theAggregationRequestedExampleIsTheGoldenOne() {
        JsonNode example = DOC.at("/components/messages/AggregationRequested/examples/0/payload");

        assertThat(normalised(example)).isEqualTo(normalised(ContractFiles.example(MessageType.AGGREGATION_REQUESTED)));
    }

    /** The schema a reader of the AsyncAPI document alone would validate a message of {@code type} with. */
    private static JsonSchema messagePayloadSchema(MessageType type) {
        return ContractSchemas.inline(DOC.at("/components/messages/" + type.typeName() + "/payload"), DOCUMENT_PATH);
    }

    private static String jsonBlockOf(String description) {
        Matcher matcher = JSON_BLOCK.matcher(description);
        assertThat(matcher.find()).as("a ```json block in the description").isTrue();
        return matcher.group(1);
    }

    /** Channels bound to the commands or events exchange: one per routing key. */
    @Test
    void partitionedChannelsNameEveryPartition() {
        List<String> partitions = IntStream.range(0, MetricPartitions.COUNT).mapToObj(Integer::toString).toList();
        List<String> documented = new ArrayList<>();
        DOC.at("/components/parameters/metricPartition/enum").forEach(p -> documented.add(p.asText()));
        assertThat(documented).isEqualTo(partitions);
        assertThat(channels()).filteredOn(c -> c.path("address").asText().contains("{partition}")).hasSize(3)
                .allSatisfy(c -> assertThat(c.at("/parameters/partition/$ref").asText())
                        .isEqualTo("#/components/parameters/metricPartition"));
        for (MessageType type : List.of(MessageType.METRIC_POINTS_INGESTED, MessageType.METRIC_WINDOWS_UPDATED)) {
            assertThat(MetricPartitions.routingKey(type, MetricPartitions.COUNT - 1))
                    .isEqualTo(address(type).replace("{partition}", partitions.get(3)));
        }
    }

    /** The address a type is published on: its routing key, with the partition for a partitioned type. */
    private static String address(MessageType type) {
        return type == MessageType.METRIC_POINTS_INGESTED || type == MessageType.METRIC_WINDOWS_UPDATED
                ? type.routingKey() + ".{partition}" : type.routingKey();
    }

    /** The queues a (possibly partitioned) queue address stands for. */
    private static List<String> partitionsOf(String address) {
        return address.contains("{partition}") ? IntStream.range(0, MetricPartitions.COUNT)
                .mapToObj(p -> address.replace("{partition}", Integer.toString(p))).toList() : List.of(address);
    }

    private static List<JsonNode> publishChannels() {
        Set<String> exchanges = Set.of(Destination.COMMANDS.defaultExchange(), Destination.EVENTS.defaultExchange());
        return channels().stream().filter(channel -> "routingKey".equals(amqpBinding(channel).path("is").asText())
                && exchanges.contains(amqpBinding(channel).at("/exchange/name").asText())).toList();
    }

    private static List<JsonNode> queueChannels() {
        return channels().stream().filter(channel -> "queue".equals(amqpBinding(channel).path("is").asText())).toList();
    }

    private static List<JsonNode> channels() {
        List<JsonNode> channels = new ArrayList<>();
        DOC.path("channels").forEach(channels::add);
        return channels;
    }

    private static boolean lists(JsonNode channel, MessageType type) {
        return StreamSupport.stream(channel.path("messages").spliterator(), false)
                .anyMatch(m -> m.path("$ref").asText().equals("#/components/messages/" + type.typeName()));
    }

    private static JsonNode amqpBinding(JsonNode channel) {
        return resolve(channel.path("bindings")).path("amqp");
    }

    /** Follows a reference inside the document; other nodes are returned as they are. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref != null && ref.asText().startsWith("#") ? resolve(DOC.at(ref.asText().substring(1))) : node;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            names.add(field.getKey());
        }
        return names;
    }
}
