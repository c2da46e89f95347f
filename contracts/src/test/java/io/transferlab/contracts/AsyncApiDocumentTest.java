package io.transferlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.transferlab.contracts.events.TransferLabEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks {@code asyncapi.yaml} against Topics, EventTypes, the schema files and the AsyncAPI 3.0.0 schema. */
class AsyncApiDocumentTest {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static JsonNode doc;
    private static JsonSchema asyncApi300;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = resource("asyncapi.yaml")) {
            doc = YAML.readTree(in);
        }
        try (InputStream in = resource("asyncapi/asyncapi-3.0.0.schema.json")) {
            asyncApi300 =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("defaultContentType").asText()).isEqualTo(CloudEventHeaders.JSON);
    }

    @Test
    void validatesAgainstTheOfficialAsyncApi300Schema() {
        Set<ValidationMessage> problems = asyncApi300.validate(doc);
        assertThat(problems).as("AsyncAPI 3.0.0 schema problems").isEmpty();
    }

    @Test
    void theOfficialSchemaCatchesABrokenDocument() {
        assertThat(asyncApi300.validate("""
                asyncapi: 3.0.0
                info: {title: t, version: '1'}
                operations:
                  bad: {action: publish, channel: {$ref: '#/channels/x'}}
                """, InputFormat.YAML)).isNotEmpty();
    }

    @Test
    void channelsAreExactlyTheTopics() {
        List<String> addresses = new ArrayList<>();
        doc.path("channels")
                .forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyEventTypeIsAMessageOnTheChannelOfItsTopicAndNowhereElse() {
        Map<String, Set<String>> ceTypesByTopic = new HashMap<>();
        doc.path("channels").forEach(channel -> {
            Set<String> types = new TreeSet<>();
            channel.path("messages").forEach(ref -> types.add(ceType(resolve(ref))));
            ceTypesByTopic.put(channel.path("address").asText(), types);
        });
        Map<String, Set<String>> expected = EventTypes.ALL.stream()
                .collect(Collectors.groupingBy(
                        EventTypes.EventType::topic,
                        Collectors.mapping(EventTypes.EventType::ceType, Collectors.toCollection(TreeSet::new))));

        assertThat(ceTypesByTopic).isEqualTo(expected);
    }

    @Test
    void everyMessageReferencesTheExistingSchemaOfItsEvent() throws IOException {
        JsonNode messages = doc.path("components").path("messages");
        assertThat(messages.size()).isEqualTo(EventTypes.ALL.size());
        for (var entry : messages.properties()) {
            JsonNode message = entry.getValue();
            EventTypes.EventType type = EventTypes.byCeType(ceType(message))
                    .orElseThrow(() -> new AssertionError(entry.getKey() + " has no known ce_type"));
            Class<? extends TransferLabEvent> javaType = type.javaType();
            assertThat(entry.getKey()).isEqualTo(javaType.getSimpleName());

            JsonNode payload = message.path("payload");
            assertThat(payload.path("schemaFormat").asText())
                    .isEqualTo("application/schema+json;version=draft-2020-12");
            String ref = payload.path("schema").path("$ref").asText();
            assertThat(ref).isEqualTo("./" + EventSchemas.resource(javaType));
            try (InputStream in = resource(ref.substring(2))) {
                assertThat(in).as("schema file of %s", ref).isNotNull();
                JsonNode schema = EventCodec.mapper().readTree(in);
                assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.schemaId(javaType));
            }
            assertThat(message.path("contentType").asText()).isEqualTo(CloudEventHeaders.JSON);
        }
    }

    @Test
    void everyMessageDescribesItsKafkaKey() {
        doc.path("components").path("messages").forEach(message -> {
            JsonNode key = resolve(message.path("bindings").path("kafka").path("key"));
            assertThat(key.path("type").asText())
                    .as("key of %s", message.path("name"))
                    .isEqualTo("string");
            assertThat(key.path("description").asText()).isNotBlank();
        });
    }

    @Test
    void cloudEventsHeadersMatchTheCodec() {
        JsonNode headers = doc.path("components").path("schemas").path("CloudEventsHeaders");
        Set<String> declared = new TreeSet<>();
        headers.path("properties").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).containsExactlyInAnyOrderElementsOf(CloudEventHeaders.BINARY_MODE);
        Set<String> required = new TreeSet<>();
        headers.path("required").forEach(r -> required.add(r.asText()));
        assertThat(required)
                .containsExactlyInAnyOrder(
                        CloudEventHeaders.SPEC_VERSION,
                        CloudEventHeaders.TYPE,
                        CloudEventHeaders.SOURCE,
                        CloudEventHeaders.ID,
                        CloudEventHeaders.TIME,
                        CloudEventHeaders.CONTENT_TYPE);
        doc.path("components")
                .path("messages")
                .forEach(message -> assertThat(
                                resolve(message.path("headers").path("allOf").path(0)))
                        .isEqualTo(headers));
    }

    @Test
    void operationsReferenceTheirChannelsAndOnlyThatChannelsMessages() {
        Set<String> channelsSent = new TreeSet<>();
        Set<String> channelsReceived = new TreeSet<>();
        doc.path("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            String channelRef = operation.path("channel").path("$ref").asText();
            JsonNode channel = resolve(operation.path("channel"));
            assertThat(channel.isMissingNode())
                    .as("channel of %s", entry.getKey())
                    .isFalse();
            assertThat(operation.path("messages").size())
                    .as("messages of %s", entry.getKey())
                    .isPositive();
            operation.path("messages").forEach(m -> {
                assertThat(m.path("$ref").asText()).startsWith(channelRef + "/messages/");
                assertThat(resolve(m).isMissingNode()).isFalse();
            });
            (operation.path("action").asText().equals("send") ? channelsSent : channelsReceived)
                    .add(channel.path("address").asText());
        });
        assertThat(channelsSent).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(channelsReceived).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void consumerGroupsAreTheOnesOfTheDesign() {
        Set<String> groups = new TreeSet<>();
        doc.path("operations")
                .forEach(operation -> operation
                        .path("bindings")
                        .path("kafka")
                        .path("groupId")
                        .path("enum")
                        .forEach(g -> groups.add(g.asText())));
        assertThat(groups)
                .containsExactlyInAnyOrder("transferlab-coordinator", "transferlab-trainer", "transferlab-analytics");
    }

    private static String ceType(JsonNode message) {
        return message.path("headers")
                .path("allOf")
                .path(1)
                .path("properties")
                .path("ce_type")
                .path("const")
                .asText();
    }

    /** Follows a local {@code $ref} ({@code #/a/b}) inside the document; other nodes are returned as they are. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        assertThat(ref).startsWith("#/");
        return doc.at(ref.substring(1));
    }

    private static InputStream resource(String name) {
        return AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(name);
    }
}
