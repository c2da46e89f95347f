package io.transferlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.SplitSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example requests in {@code contracts/examples/}, which users and the launcher submit as they are. */
class ExampleRequestsTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final String MINIMAL = "minimal-request.json";
    private static final String DEMO = "demo-request.json";
    private static final String FULL = "full-request.json";

    private static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(EXAMPLES.resolve(name));
        } catch (IOException e) {
            throw new AssertionError("cannot read example " + name, e);
        }
    }

    private static ExperimentRequested request(String name) {
        return EventCodec.fromJson(bytes(name), ExperimentRequested.class);
    }

    /** Training jobs the request asks for: bases of both halves, and every other arm at every cut and direction. */
    private static int trainingJobs(ExperimentRequested r) {
        int others = (int) r.arms().stream().filter(a -> a != Arm.BASE).count();
        return r.seeds().size()
                * (2
                        + others
                                * r.layerCuts().size()
                                * r.directions().targetHalves().size());
    }

    /** Training images seen over all jobs and epochs (half of the classes per job, less validation). */
    private static long imagePasses(ExperimentRequested r, int classes, int imagesPerClassInDataset) {
        int perClass = r.training().imagesPerClass() == null
                ? imagesPerClassInDataset
                : Math.min(r.training().imagesPerClass(), imagesPerClassInDataset);
        double train = perClass * (classes / 2) * (1 - r.training().validationFraction());
        return Math.round(trainingJobs(r) * r.training().epochs() * train);
    }

    @Test
    void theExamplesFolderHoldsTheThreeExamples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .containsExactlyInAnyOrder(MINIMAL, DEMO, FULL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MINIMAL, DEMO, FULL})
    void everyExampleIsAValidRequest(String name) {
        assertThat(EventSchemas.validate(ExperimentRequested.class, bytes(name)))
                .isEmpty();
        ExperimentRequested request = request(name);
        assertThat(request.dataset().name()).isEqualTo("fashion-mnist");
        // What the coordinator accepts, with defaults filled in, is valid too.
        assertThat(EventSchemas.validate(
                        ExperimentRequested.class,
                        Fixtures.tree(EventCodec.toJson(request.withExperimentId("example")))))
                .isEmpty();
    }

    @Test
    void theMinimalRequestIsTheSmallestAndTiny() {
        JsonNode minimal = Fixtures.tree(bytes(MINIMAL));
        assertThat(leafCount(minimal))
                .isLessThan(leafCount(Fixtures.tree(bytes(DEMO))))
                .isLessThan(leafCount(Fixtures.tree(bytes(FULL))));
        assertThat(minimal.get("dataset").size()).isOne();

        ExperimentRequested request = request(MINIMAL);
        assertThat(request.arms()).containsExactly(Arm.BASE, Arm.TRANSFER);
        assertThat(request.layerCuts()).containsExactly(1);
        assertThat(request.directions()).isEqualTo(Direction.A_TO_B);
        assertThat(trainingJobs(request)).isEqualTo(3);
        assertThat(request.training().epochs()).isOne();
        // About a minute on two cores: a few thousand training images in all.
        assertThat(imagePasses(request, 10, 6000)).isLessThanOrEqualTo(2_000);
    }

    @Test
    void theDemoRunsEveryPaperArmAtTheEdgesOfTheNetworkAndStaysSmall() {
        ExperimentRequested request = request(DEMO);
        assertThat(request.split()).isEqualTo(SplitSpec.random(0));
        assertThat(request.arms())
                .containsExactlyInAnyOrder(
                        Arm.BASE, Arm.SELFFER, Arm.TRANSFER, Arm.SELFFER_FINETUNED, Arm.TRANSFER_FINETUNED);
        assertThat(request.layerCuts()).contains(1, 7);
        assertThat(request.directions()).isEqualTo(Direction.A_TO_B);
        assertThat(request.seeds()).containsExactly(0L);
        assertThat(trainingJobs(request)).isEqualTo(18);
        // At about 300 training images per second (docs/DL4J-ON-CPU.md) this is under 4 minutes of
        // training, leaving room for evaluation and start-up within the demo's 8 minutes.
        assertThat(imagePasses(request, 10, 6000)).isLessThanOrEqualTo(70_000);
    }

    @Test
    void theFullRequestSpellsOutEveryField() {
        JsonNode full = Fixtures.tree(bytes(FULL));
        JsonNode schema = requestSchema();
        Set<String> expected = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(expected::add);
        // eventId and occurredAt identify one submission; an example that fixed them would be deduplicated.
        expected.removeAll(Set.of("eventId", "occurredAt"));
        assertThat(names(full)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(names(full.get("training")))
                .containsExactlyInAnyOrderElementsOf(names(common().at("/$defs/TrainingSettings/properties")));
        assertThat(names(full.get("architecture")))
                .containsExactlyInAnyOrderElementsOf(names(common().at("/$defs/ArchitectureSpec/properties")));

        ExperimentRequested request = request(FULL);
        assertThat(request.arms()).containsExactlyInAnyOrder(Arm.values());
        assertThat(request.layerCuts()).containsExactlyElementsOf(ExperimentRequested.DEFAULT_LAYER_CUTS);
        assertThat(request.directions()).isEqualTo(Direction.BOTH);
        assertThat(request.seeds()).hasSize(3);
        assertThat(request.computeCka()).isTrue();
        assertThat(request.priority()).isPositive();
        assertThat(request.tags()).isNotEmpty();
    }

    @Test
    void leafCountCountsValuesNotContainers() {
        assertThat(leafCount(Fixtures.tree("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":\"x\"}".getBytes())))
                .isEqualTo(4);
    }

    private static int leafCount(JsonNode node) {
        if (!node.isContainerNode()) {
            return 1;
        }
        int count = 0;
        for (JsonNode child : node) {
            count += leafCount(child);
        }
        return count;
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode requestSchema() {
        return schema(EventSchemas.resource(ExperimentRequested.class));
    }

    private static JsonNode common() {
        return schema(EventSchemas.RESOURCE_FOLDER + "common.v1.json");
    }

    private static JsonNode schema(String resource) {
        try (var in = ExampleRequestsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
