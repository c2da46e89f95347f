package io.transferlab.coordinator.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Problem;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestReaderTest {
    /** A small job limit so that the job-count check is reachable with few seeds. */
    private final RequestReader reader = new RequestReader(new RequestValidator(100), SchemaCheck.request());

    private static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String req(String fields) {
        return "{'experimentId':'e1','dataset':{'name':'fashion-mnist'}" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** field -> fragment of the expected reason ("" = any reason). */
    private static Arguments bad(String name, String body, String... fieldAndFragment) {
        return Arguments.of(name, body, List.of(fieldAndFragment));
    }

    static Stream<Arguments> badRequests() {
        String twentyOneSeeds = IntStream.range(0, 21).mapToObj(String::valueOf).collect(Collectors.joining(","));
        return Stream.of(
                bad("no dataset", "{'experimentId':'e1'}", "dataset=required"),
                bad("unknown dataset", "{'experimentId':'e1','dataset':{'name':'imagenet'}}", "dataset.name="),
                bad(
                        "folder without class count",
                        "{'dataset':{'name':'folder','location':'/d'}," + "'architecture':{'preset':'tl8-gray28'}}",
                        "dataset.numClasses=required for folder"),
                bad(
                        "dataset outside the roots",
                        req("").replace("'fashion-mnist'}", "'fashion-mnist','location':'/etc'}"),
                        "dataset.location=below a dataset root"),
                bad(
                        "dataset in the checkpoint bucket",
                        req("").replace("'fashion-mnist'}", "'fashion-mnist','location':'s3://transferlab/'}"),
                        "dataset.location=checkpoint bucket"),
                bad(
                        "dataset path climbing out",
                        req("").replace("'fashion-mnist'}", "'fashion-mnist','location':'../../../../etc'}"),
                        "dataset.location='..'"),
                bad(
                        "folder without location",
                        "{'dataset':{'name':'folder','numClasses':4}," + "'architecture':{'preset':'tl8-gray28'}}",
                        "dataset.location=required for folder"),
                bad(
                        "folder without preset",
                        "{'dataset':{'name':'folder','location':'/d','numClasses':4}}",
                        "architecture.preset=required for folder"),
                bad(
                        "wrong class count",
                        "{'dataset':{'name':'mnist','numClasses':12}}",
                        "dataset.numClasses=has 10 classes"),
                bad(
                        "unknown architecture",
                        req("'architecture':{'preset':'resnet-50'}"),
                        "architecture.preset=unknown preset"),
                bad(
                        "grayscale net for colour images",
                        "{'dataset':{'name':'cifar10'}," + "'architecture':{'preset':'tl8-gray28'}}",
                        "architecture.preset=does not fit"),
                bad("zero width", req("'architecture':{'width':0}"), "architecture.width="),
                bad("dropout of one", req("'architecture':{'dropout':1.0}"), "architecture.dropout="),
                bad(
                        "overlapping halves",
                        req("'split':{'kind':'explicit','classesA':[0,1,2],'classesB':[2,3]}"),
                        "split=disjoint"),
                bad(
                        "class beyond fashion-mnist",
                        req("'split':{'kind':'explicit','classesA':[0,10],'classesB':[3]}"),
                        "split.classesA[1]=outside 0..9"),
                bad(
                        "class beyond cifar100",
                        "{'dataset':{'name':'cifar100'},"
                                + "'split':{'kind':'explicit','classesA':[0],'classesB':[100]}}",
                        "split.classesB[0]=outside 0..99"),
                bad("explicit without B", req("'split':{'kind':'explicit','classesA':[0,1]}"), "split.classesB="),
                bad(
                        "class listed twice",
                        req("'split':{'kind':'explicit','classesA':[1,1],'classesB':[2]}"),
                        "split.classesA="),
                bad(
                        "unknown split preset",
                        req("'split':{'kind':'preset','preset':'natural'}"),
                        "split.preset=unknown split preset"),
                bad(
                        "split preset of a dataset with none",
                        "{'dataset':{'name':'mnist'}," + "'split':{'kind':'preset','preset':'dissimilar'}}",
                        "split.preset=it has none"),
                bad(
                        "random split with classes",
                        req("'split':{'kind':'random','classesA':[1]}"),
                        "split.classesA=only explicit"),
                bad("unknown split kind", req("'split':{'kind':'stratified'}"), "split.kind="),
                bad(
                        "replicates over splits of a preset split",
                        req("'split':{'kind':'preset','preset':'dissimilar'}," + "'replicateOver':'splits'"),
                        "replicateOver=need a random split"),
                bad("unknown replicate mode", req("'replicateOver':'weather'"), "replicateOver="),
                bad(
                        "unknown summary metric",
                        req("'training':{'summaryMetric':'best-ever'}"),
                        "training.summaryMetric="),
                bad("unknown initialisation", req("'training':{'initialisation':'zeros'}"), "training.initialisation="),
                bad(
                        "unknown normalisation",
                        req("'training':{'copiedLayerNormalisation':'imagenet'}"),
                        "training.copiedLayerNormalisation="),
                bad("no arms", req("'arms':[]"), "arms="),
                bad("unknown arm", req("'arms':['base','teleport']"), "arms[1]="),
                bad("arm twice", req("'arms':['base','base']"), "arms="),
                bad("layer cut zero", req("'layerCuts':[0]"), "layerCuts[0]="),
                bad("layer cut of the classifier", req("'layerCuts':[3,8]"), "layerCuts[1]="),
                bad("no layer cuts", req("'layerCuts':[]"), "layerCuts="),
                bad("unknown direction", req("'directions':'sideways'"), "directions="),
                bad("no seeds", req("'seeds':[]"), "seeds="),
                bad(
                        "too many seeds",
                        req("'arms':['base'],'seeds':[" + twentyOneSeeds + "]"),
                        "seeds=between 1 and 20"),
                bad("negative seed", req("'seeds':[-1]"), "seeds[0]="),
                bad("zero epochs", req("'training':{'epochs':0}"), "training.epochs="),
                bad("too many epochs", req("'training':{'epochs':501}"), "training.epochs=within 1..500"),
                bad("huge batch", req("'training':{'batchSize':5000}"), "training.batchSize="),
                bad("zero learning rate", req("'training':{'learningRate':0}"), "training.learningRate="),
                bad("momentum of one", req("'training':{'momentum':1.0}"), "training.momentum="),
                bad(
                        "most images held out",
                        req("'training':{'validationFraction':0.9}"),
                        "training.validationFraction="),
                bad("images per class zero", req("'training':{'imagesPerClass':0}"), "training.imagesPerClass="),
                bad("dotted experiment id", "{'experimentId':'a.b','dataset':{'name':'mnist'}}", "experimentId="),
                bad("priority out of range", req("'priority':5000"), "priority="),
                bad("cka flag not boolean", req("'computeCka':'yes'"), "computeCka="),
                bad("future schema version", req("'schemaVersion':2"), "schemaVersion="),
                bad("too many jobs", req("'seeds':[0,1]"), "$=more than the limit of 100"),
                bad("not an object", "[1,2]", "$="),
                bad(
                        "every problem at once",
                        "{'experimentId':'e1','dataset':{'name':'fashion-mnist'},"
                                + "'training':{'epochs':0},'layerCuts':[9],'architecture':{'preset':'tl8-color32'},"
                                + "'split':{'kind':'explicit','classesA':[1],'classesB':[1]}}",
                        "training.epochs=",
                        "layerCuts[0]=",
                        "architecture.preset=does not fit",
                        "split=disjoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void rejectsBadRequestsWithEveryReason(String name, String body, List<String> expected) {
        RequestReader.Outcome outcome = reader.read(json(body), "evt-" + name);

        assertThat(outcome).as(name).isInstanceOf(RequestReader.Invalid.class);
        List<Problem> problems = ((RequestReader.Invalid) outcome).problems();
        for (String e : expected) {
            String field = e.substring(0, e.indexOf('='));
            String fragment = e.substring(e.indexOf('=') + 1);
            assertThat(problems).as(name + " -> " + problems).anySatisfy(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.problem()).containsIgnoringCase(fragment);
            });
        }
    }

    @Test
    void atLeastThirtyDistinctBadRequests() {
        assertThat(badRequests().map(a -> a.get()[1]).distinct().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void acceptsAMinimalRequestAndFillsItsDefaults() {
        RequestReader.Outcome outcome =
                reader.read(json("{'experimentId':'e1','dataset':{'name':'cifar10'}}"), "evt-1");

        assertThat(outcome).isInstanceOf(RequestReader.Valid.class);
        RequestReader.Valid valid = (RequestReader.Valid) outcome;
        assertThat(valid.experimentId()).isEqualTo("e1");
        assertThat(valid.request().eventId()).isEqualTo("evt-1");
        assertThat(valid.request().architecture().preset()).isEqualTo(ArchitectureSpec.COLOR32);
        assertThat(valid.digest()).hasSize(64);
    }

    /** The validator reads the catalog the trainer splits with: every preset it names is one a request may use. */
    @Test
    void acceptsEverySplitPresetOfTheCatalogAndGivesEachDatasetItsArchitecture() {
        DatasetCatalog catalog = DatasetCatalog.STANDARD;
        for (String dataset : catalog.names()) {
            catalog.splitPresets(dataset).keySet().forEach(preset -> {
                RequestReader.Outcome outcome = reader.read(
                        json("{'experimentId':'e1','dataset':{'name':'" + dataset
                                + "'},'split':{'kind':'preset','preset':'" + preset + "'},'arms':['base']}"),
                        "evt-1");
                assertThat(outcome).as(dataset + " " + preset).isInstanceOf(RequestReader.Valid.class);
                assertThat(((RequestReader.Valid) outcome)
                                .request()
                                .architecture()
                                .preset())
                        .isEqualTo(catalog.defaultArchitecture(dataset).orElseThrow());
            });
        }
        assertThat(catalog.splitPresets("cifar100")).containsKey("natural-vs-man-made");
    }

    @Test
    void derivesTheExperimentIdFromTheRequestEventId() {
        JsonNode body = json("{'dataset':{'name':'fashion-mnist'},'arms':['base']}");

        RequestReader.Valid first = (RequestReader.Valid) reader.read(body, "evt-42");
        RequestReader.Valid again = (RequestReader.Valid) reader.read(body, "evt-42");
        RequestReader.Valid other = (RequestReader.Valid) reader.read(body, "evt-43");

        assertThat(first.experimentId())
                .matches("exp-[0-9a-f]{12}")
                .isEqualTo(again.experimentId())
                .isNotEqualTo(other.experimentId());
        assertThat(first.request().architecture().preset()).isEqualTo(ArchitectureSpec.GRAY28);
    }

    @Test
    void theDigestIgnoresTheEnvelopeAndSpelledOutDefaultsButNotRealChanges() {
        String minimal = "{'experimentId':'e1','dataset':{'name':'fashion-mnist'}}";
        String spelledOut = "{'experimentId':'e1','eventId':'x','occurredAt':'2026-01-01T00:00:00Z',"
                + "'dataset':{'name':'fashion-mnist'},'directions':'both','seeds':[0],"
                + "'architecture':{'preset':'tl8-gray28'},'training':{'epochs':10}}";
        String changed = "{'experimentId':'e1','dataset':{'name':'fashion-mnist'},'training':{'epochs':11}}";

        String a = ((RequestReader.Valid) reader.read(json(minimal), "evt-a")).digest();
        String b = ((RequestReader.Valid) reader.read(json(spelledOut), "evt-b")).digest();
        String c = ((RequestReader.Valid) reader.read(json(changed), "evt-c")).digest();

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void theRejectionCarriesTheRequestedIdOrTheDerivedOne() {
        RequestReader.Invalid named = (RequestReader.Invalid) reader.read(json(req("'arms':[]")), "evt-1");
        RequestReader.Invalid unnamed = (RequestReader.Invalid) reader.read(json("{'arms':[]}"), "evt-1");

        assertThat(named.experimentId()).isEqualTo("e1");
        assertThat(unnamed.experimentId()).isEqualTo(ExperimentIds.derive("evt-1"));
    }
}
