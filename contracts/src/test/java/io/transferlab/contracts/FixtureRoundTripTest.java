package io.transferlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transferlab.contracts.Fixtures.Fixture;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixtureRoundTripTest {

    static List<Fixture> fixtures() {
        return Fixtures.all();
    }

    @Test
    void everyEventTypeHasAFixture() {
        Set<String> covered = fixtures().stream().map(f -> f.type().ceType()).collect(Collectors.toSet());
        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream()
                        .map(EventTypes.EventType::ceType)
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureToRecordToJsonGivesTheFixture(Fixture fixture) {
        TransferLabEvent event = fixture.read();

        assertThat(event).isInstanceOf(fixture.type().javaType());
        JsonNode written = Fixtures.tree(EventCodec.toJson(event));
        assertThat(written).as("%s written back", fixture).isEqualTo(fixture.tree());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureValidatesAgainstItsSchema(Fixture fixture) {
        assertThat(EventSchemas.validate(fixture.type().javaType(), fixture.tree()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureTravelsAsACloudEvent(Fixture fixture) {
        TransferLabEvent event = fixture.read();

        TransferLabEvent received =
                EventCodec.fromCloudEvent(EventTypes.of(event).ceType(), EventCodec.toJson(event));

        assertThat(received).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void unknownFieldsAreIgnoredAtEveryLevel(Fixture fixture) {
        JsonNode tree = fixture.tree().deepCopy();
        addUnknownFields(tree);

        TransferLabEvent event =
                EventCodec.fromJson(EventCodec.toJson(tree), fixture.type().javaType());

        assertThat(event).isEqualTo(fixture.read());
        assertThat(EventSchemas.validate(fixture.type().javaType(), tree)).isEmpty();
    }

    @Test
    void goldenValuesArriveInTheRecords() {
        ExperimentRequested request =
                (ExperimentRequested) Fixtures.of("ExperimentRequested.v1.json").read();
        assertThat(request.experimentId()).isEqualTo("exp-golden");
        assertThat(request.directions()).isEqualTo(Direction.BOTH);
        assertThat(request.arms()).containsExactlyElementsOf(ExperimentRequested.DEFAULT_ARMS);
        assertThat(request.training().imagesPerClass()).isEqualTo(500);
        assertThat(request.training().weightDecay()).isEqualTo(5e-4);
        assertThat(request.key()).isEqualTo("exp-golden");

        TrainingJobRequested job = (TrainingJobRequested)
                Fixtures.of("TrainingJobRequested.v1.json").read();
        assertThat(job.key()).isEqualTo("exp-golden.transfer.n3.AB.s0");
        assertThat(job.spec().kind()).isEqualTo(JobKind.TRAIN);
        assertThat(job.spec().arm()).isEqualTo(Arm.TRANSFER);
        assertThat(job.spec().sourceHalf()).isEqualTo(Half.A);
        assertThat(job.spec().inputs())
                .singleElement()
                .satisfies(in -> assertThat(in.jobId()).isEqualTo("exp-golden.base.n0.-A.s0"));

        DeadLettered dead = (DeadLettered) Fixtures.of("DeadLettered.v1.json").read();
        assertThat(dead.key()).isEqualTo("transferlab.experiment-requests-2-41");
    }

    @Test
    void aMinimalRequestGetsEveryDocumentedDefault() {
        ExperimentRequested request =
                EventCodec.fromJson("{\"dataset\":{\"name\":\"mnist\"}}", ExperimentRequested.class);
        JsonNode written = Fixtures.tree(EventCodec.toJson(request));

        assertThat(written.has("experimentId")).isFalse();
        assertThat(written.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(written.get("eventId").asText()).isNotBlank();
        assertThat(written.get("split")).isEqualTo(Fixtures.tree("{\"kind\":\"random\",\"seed\":0}".getBytes()));
        assertThat(written.get("architecture")).isEqualTo(Fixtures.tree("{\"width\":1.0,\"dropout\":0.5}".getBytes()));
        assertThat(written.get("arms"))
                .isEqualTo(Fixtures.tree(
                        "[\"base\",\"selffer\",\"transfer\",\"selffer-finetuned\",\"transfer-finetuned\"]".getBytes()));
        assertThat(written.get("layerCuts")).isEqualTo(Fixtures.tree("[1,2,3,4,5,6,7]".getBytes()));
        assertThat(written.get("directions").asText()).isEqualTo("both");
        assertThat(written.get("seeds")).isEqualTo(Fixtures.tree("[0]".getBytes()));
        assertThat(written.get("training")).isEqualTo(Fixtures.tree("""
                {"epochs":10,"batchSize":64,"learningRate":0.01,"lrStepEpochs":0,"lrGamma":0.1,"momentum":0.9,
                 "weightDecay":0.0005,"validationFraction":0.1,"validationsPerEpoch":1,"summaryMetric":"test-top1",
                 "initialisation":"he","copiedLayerNormalisation":"target"}""".getBytes()));
        assertThat(written.get("replicateOver").asText()).isEqualTo("splits");
        assertThat(written.get("computeCka").asBoolean()).isFalse();
        assertThat(written.get("priority").asInt()).isZero();
        assertThat(written.get("tags").isEmpty()).isTrue();
        // Defaults filled in by the record are themselves valid.
        assertThat(EventSchemas.validate(ExperimentRequested.class, written)).isEmpty();
    }

    /** Maps from string keys (not records): a new key there is data, not an unknown field. */
    private static final Set<String> MAP_FIELDS = Set.of("tags", "originalHeaders", "transitionLayers");

    /** Adds unknown fields to every record-shaped object of the tree. */
    private static void addUnknownFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names =
                    object.properties().stream().map(Map.Entry::getKey).toList();
            for (String name : names) {
                if (!MAP_FIELDS.contains(name)) {
                    addUnknownFields(object.get(name));
                }
            }
            object.put("addedInAFutureMinorVersion", "ignored");
            object.putObject("futureNested").put("x", 1);
        } else if (node instanceof ArrayNode array) {
            array.forEach(FixtureRoundTripTest::addUnknownFields);
        }
    }
}
