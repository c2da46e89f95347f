package io.transferlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    private static List<Problem> request(String json) {
        return EventSchemas.validate(ExperimentRequested.class, json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fields(List<Problem> problems) {
        return problems.stream().map(Problem::field).toList();
    }

    @Test
    void theSmallestRequestIsValid() {
        assertThat(request("{\"dataset\":{\"name\":\"fashion-mnist\"}}")).isEmpty();
    }

    @Test
    void unknownPropertiesAreAllowedAtEveryLevel() {
        assertThat(request("""
                {"dataset":{"name":"mnist","colour":"grey"},"training":{"epochs":2,"optimizer":"adam"},
                 "comment":"from a newer client","split":{"kind":"random","seed":3,"note":1}}
                """)).isEmpty();
    }

    @Test
    void nullPropertiesCountAsAbsentLikeInTheRecords() {
        String body = """
                {"experimentId":null,"dataset":{"name":"mnist","location":null},"split":null,
                 "training":{"epochs":null,"batchSize":32},"tags":null}
                """;
        assertThat(request(body)).isEmpty();
        ExperimentRequested read = EventCodec.fromJson(body, ExperimentRequested.class);
        assertThat(read.training().epochs()).isEqualTo(10);
        assertThat(read.split().kind()).isEqualTo("random");
    }

    @Test
    void aMissingDatasetIsReportedAtItsOwnPath() {
        assertThat(request("{}")).containsExactly(new Problem("dataset", "is required"));
    }

    @Test
    void everyProblemIsReportedAtOnceSortedByField() {
        List<Problem> problems = request("""
                {"experimentId":"a.b","dataset":{"name":"imagenet"},"arms":["base","x"],"layerCuts":[0,8],
                 "training":{"epochs":0,"batchSize":"x"},"directions":"up","occurredAt":"yesterday"}
                """);
        assertThat(fields(problems))
                .containsExactly(
                        "arms[1]",
                        "dataset.name",
                        "directions",
                        "experimentId",
                        "layerCuts[0]",
                        "layerCuts[1]",
                        "occurredAt",
                        "training.batchSize",
                        "training.epochs");
        assertThat(problems)
                .allSatisfy(p -> assertThat(p.problem()).isNotBlank().doesNotStartWith("$"));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("{\"dataset\":{}}", "dataset.name", "is required"),
                Arguments.of("{\"dataset\":{\"name\":\"svhn\"}}", "dataset.name", "enumeration"),
                Arguments.of("{\"dataset\":\"fashion-mnist\"}", "dataset", "object expected"),
                Arguments.of("{\"dataset\":{\"name\":\"folder\",\"numClasses\":1}}", "dataset.numClasses", "minimum"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\",\"location\":\"\"}}", "dataset.location", "1"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"split\":{\"kind\":\"halves\"}}",
                        "split.kind",
                        "enumeration"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"split\":{\"kind\":\"explicit\",\"classesA\":[1]}}",
                        "split.classesB",
                        "is required"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"split\":{\"kind\":\"preset\"}}",
                        "split.preset",
                        "is required"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"split\":{\"seed\":-1}}", "split.seed", "minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"split\":{\"kind\":\"explicit\",\"classesA\":[1,1],"
                                + "\"classesB\":[2]}}",
                        "split.classesA",
                        "unique"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"split\":{\"kind\":\"explicit\",\"classesA\":[-1],"
                                + "\"classesB\":[2]}}",
                        "split.classesA[0]",
                        "minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"architecture\":{\"width\":0}}",
                        "architecture.width",
                        "exclusive minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"architecture\":{\"dropout\":1}}",
                        "architecture.dropout",
                        "exclusive maximum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"architecture\":{\"preset\":\"TL8 Gray\"}}",
                        "architecture.preset",
                        "preset name"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"arms\":[]}", "arms", "at least 1"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"arms\":[\"base\",\"base\"]}", "arms", "unique"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"arms\":[\"base\",\"frozen\"]}", "arms[1]", "enumeration"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"layerCuts\":[]}", "layerCuts", "at least 1"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"layerCuts\":[1,8]}", "layerCuts[1]", "maximum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"layerCuts\":[1.5]}", "layerCuts[0]", "integer expected"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"directions\":\"sideways\"}", "directions", "enumeration"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"seeds\":[]}", "seeds", "at least 1"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"seeds\":[-3]}", "seeds[0]", "minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"epochs\":0}}", "training.epochs", "minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"batchSize\":0}}",
                        "training.batchSize",
                        "minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"learningRate\":0}}",
                        "training.learningRate",
                        "exclusive minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"momentum\":1.0}}",
                        "training.momentum",
                        "exclusive maximum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"weightDecay\":-0.1}}",
                        "training.weightDecay",
                        "minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"lrGamma\":2}}",
                        "training.lrGamma",
                        "maximum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"imagesPerClass\":0}}",
                        "training.imagesPerClass",
                        "minimum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"training\":{\"validationFraction\":0.9}}",
                        "training.validationFraction",
                        "maximum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"computeCka\":\"yes\"}", "computeCka", "boolean expected"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"priority\":5000}", "priority", "maximum"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"tags\":{\"team\":7}}", "tags.team", "string expected"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"experimentId\":\"exp.1\"}",
                        "experimentId",
                        "letters, digits"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"schemaVersion\":2}", "schemaVersion", "constant"),
                Arguments.of(
                        "{\"dataset\":{\"name\":\"mnist\"},\"occurredAt\":\"28/11/2026\"}", "occurredAt", "date-time"),
                Arguments.of("{\"dataset\":null}", "dataset", "is required"),
                Arguments.of("{\"dataset\":{\"name\":null}}", "dataset.name", "is required"),
                Arguments.of("{\"dataset\":{\"name\":\"mnist\"},\"seeds\":[0,null]}", "seeds[1]", "null found"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badRequests")
    void badRequestsAreReportedAtTheRightField(String body, String field, String messagePart) {
        List<Problem> problems = request(body);
        assertThat(problems).as("problems of %s", body).hasSize(1);
        assertThat(problems.get(0).field()).isEqualTo(field);
        assertThat(problems.get(0).problem()).containsIgnoringCase(messagePart);
    }

    @Test
    void bytesThatAreNotJsonAreOneProblemAtTheRoot() {
        assertThat(request("{\"dataset\":")).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(EventSchemas.ROOT);
            assertThat(p.problem()).startsWith("not valid JSON");
        });
        assertThat(EventSchemas.validate(ExperimentRequested.class, new byte[0]))
                .containsExactly(new Problem(EventSchemas.ROOT, "the body is empty"));
        assertThat(request("[1,2]"))
                .singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo(EventSchemas.ROOT));
    }

    @Test
    void validatesByCloudEventsType() {
        byte[] heartbeat =
                EventCodec.toJson(new JobHeartbeat(null, null, 0, "e1", "e1.base.n0.-A.s0", 1, "t1", 1, 10, 0.5));
        assertThat(EventSchemas.validate(EventTypes.of(JobHeartbeat.class).ceType(), heartbeat))
                .isEmpty();
        assertThat(EventSchemas.validate("io.transferlab.Nope.v1", heartbeat))
                .singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("unknown event type"));
        ObjectNode tampered = (ObjectNode) readTree(heartbeat);
        tampered.put("progress", 1.5).remove("trainerId");
        assertThat(EventSchemas.validate(JobHeartbeat.class, tampered))
                .extracting(Problem::field)
                .containsExactly("progress", "trainerId");
    }

    @Test
    void theDefaultsTheSchemaDocumentsAreTheOnesTheRecordsFillIn() throws Exception {
        JsonNode filled = readTree(EventCodec.toJson(
                EventCodec.fromJson("{\"dataset\":{\"name\":\"mnist\"}}", ExperimentRequested.class)));
        JsonNode requestSchema;
        JsonNode common;
        try (var in =
                getClass().getClassLoader().getResourceAsStream(EventSchemas.resource(ExperimentRequested.class))) {
            requestSchema = EventCodec.mapper().readTree(in);
        }
        try (var in = getClass().getClassLoader().getResourceAsStream("schemas/common.v1.json")) {
            common = EventCodec.mapper().readTree(in);
        }
        int checked = 0;
        checked += assertDefaults(requestSchema.get("properties"), filled);
        checked += assertDefaults(common.at("/$defs/TrainingSettings/properties"), filled.get("training"));
        checked += assertDefaults(common.at("/$defs/ArchitectureSpec/properties"), filled.get("architecture"));
        checked += assertDefaults(common.at("/$defs/SplitSpec/properties"), filled.get("split"));
        assertThat(checked).isEqualTo(22);
    }

    private static int assertDefaults(JsonNode properties, JsonNode filled) {
        int checked = 0;
        for (var property : properties.properties()) {
            JsonNode documented = property.getValue().get("default");
            if (documented != null) {
                assertThat(filled.get(property.getKey()))
                        .as("default of %s", property.getKey())
                        .isEqualTo(documented);
                checked++;
            }
        }
        return checked;
    }

    @Test
    void schemaNamesFollowTheEventTypes() {
        for (EventTypes.EventType type : EventTypes.ALL) {
            Class<? extends TransferLabEvent> javaType = type.javaType();
            assertThat(type.ceType()).endsWith(EventSchemas.fileName(javaType).replace(".json", ""));
            assertThat(EventSchemas.schemaId(javaType))
                    .isEqualTo(EventSchemas.BASE_URI + EventSchemas.fileName(javaType));
            assertThat(getClass().getClassLoader().getResource(EventSchemas.resource(javaType)))
                    .isNotNull();
        }
    }

    @Test
    void everySchemaDeclaresDraft202012AndItsOwnId() throws Exception {
        for (EventTypes.EventType type : EventTypes.ALL) {
            JsonNode schema;
            try (var in = getClass().getClassLoader().getResourceAsStream(EventSchemas.resource(type.javaType()))) {
                schema = EventCodec.mapper().readTree(in);
            }
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.schemaId(type.javaType()));
            assertThat(schema.path("additionalProperties").isMissingNode())
                    .as("%s allows unknown properties", type.ceType())
                    .isTrue();
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
