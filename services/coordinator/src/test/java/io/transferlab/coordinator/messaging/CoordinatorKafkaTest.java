package io.transferlab.coordinator.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobState;
import io.transferlab.contracts.model.Problem;
import io.transferlab.contracts.model.Problems;
import io.transferlab.coordinator.config.CoordinatorConfig;
import io.transferlab.coordinator.metrics.CoordinatorMetrics;
import io.transferlab.coordinator.tracking.ExperimentView;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.FencedException;
import io.transferlab.kafka.StateTopic;
import io.transferlab.localstack.LocalStack;
import io.transferlab.localstack.quarkus.KafkaTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator against a real Kafka broker (KRaft, a child process from the local-stack module).
 * The test plays the users and the trainers by publishing to the topics, and reads what the
 * coordinator publishes. One Quarkus start serves every test; experiment ids keep tests apart.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KafkaClientSettingsResource.class)
class CoordinatorKafkaTest {
    private static final String TRAINER = "/transferlab/trainer";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventLog log;

    @Inject
    CoordinatorRuntime runtime;

    @Inject
    KafkaClients clients;

    @Inject
    CoordinatorConfig config;

    @Inject
    EventPublisher publisher;

    @Inject
    TopicInitializer topics;

    @Inject
    CoordinatorMetrics metrics;

    @BeforeAll
    static void connect() {
        Map<String, Integer> topics = Topics.ALL.stream().collect(Collectors.toMap(t -> t, t -> 3));
        LocalStack.kafka().createTopics(topics);
        log = new EventLog(LocalStack.kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        log.close();
    }

    @BeforeEach
    void coordinatorIsLive() {
        await().atMost(WAIT).until(runtime::live);
    }

    // ------------------------------------------------------------------ helpers

    private static String request(String id, String fields) {
        return ("{'experimentId':'" + id + "','dataset':{'name':'fashion-mnist'}"
                        + (fields.isEmpty() ? "" : "," + fields) + "}")
                .replace('\'', '"');
    }

    private static Map<String, String> headers(String ceId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.TYPE, EventTypes.of(ExperimentRequested.class).ceType());
        h.put(CloudEventHeaders.SOURCE, "/test/user");
        h.put(CloudEventHeaders.ID, ceId);
        h.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return h;
    }

    private static void publishRequest(String key, String json) {
        log.publishRaw(
                Topics.EXPERIMENT_REQUESTS,
                key,
                json.getBytes(StandardCharsets.UTF_8),
                headers(UUID.randomUUID().toString()));
    }

    private static JobResult result(String experimentId, String jobId) {
        return new JobResult(
                0.8,
                null,
                0.8,
                0.8,
                1,
                "s3://transferlab/experiments/" + experimentId + "/jobs/" + jobId + "/final.ckpt",
                "sha-" + jobId,
                10,
                12,
                null,
                null);
    }

    private static void started(String exp, String jobId, int attempt) {
        log.publish(new JobStarted(null, null, 0, exp, jobId, attempt, "trainer-1", "cpu", null), TRAINER);
    }

    private static void completed(String exp, String jobId, int attempt) {
        log.publish(new JobCompleted(null, null, 0, exp, jobId, attempt, result(exp, jobId)), TRAINER);
    }

    /** The experiment's dispatches as {@code jobId#attempt}, sorted: partitions interleave in any order. */
    private static List<String> dispatches(String exp) {
        return log.all(TrainingJobRequested.class, exp).stream()
                .map(t -> t.jobId() + "#" + t.attempt())
                .sorted()
                .toList();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void everyClientTakesAllKafkaSettingsFromConfig() {
        for (Map<String, Object> props : List.of(
                clients.producerProperties(),
                clients.consumerProperties(KafkaClients.GROUP_ID),
                clients.adminProperties())) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", LocalStack.kafka().bootstrapServers())
                    .containsEntry("security.protocol", "PLAINTEXT")
                    .containsEntry("client.dns.lookup", "use_all_dns_ips");
        }
        assertThat(clients.consumerProperties(null)).doesNotContainKey("group.id");
    }

    @Test
    void aRequestIsPlannedDispatchedTrackedAndCompleted() {
        String exp = "it-plan";
        publishRequest(exp, request(exp, "'arms':['base','transfer'],'layerCuts':[1],'directions':'a-to-b'"));

        await().atMost(WAIT).until(() -> dispatches(exp).size() == 2);
        assertThat(log.all(ExperimentAccepted.class, exp)).hasSize(1);
        assertThat(log.all(ExperimentPlanned.class, exp))
                .singleElement()
                .satisfies(p -> assertThat(p.jobs()).hasSize(3));
        assertThat(dispatches(exp)).containsExactlyInAnyOrder(exp + ".base.n0.-B.s0#1", exp + ".base.n0.-A.s0#1");
        EventLog.Seen first = log.records().stream()
                .filter(s -> s.event() instanceof TrainingJobRequested t
                        && t.experimentId().equals(exp))
                .findFirst()
                .orElseThrow();
        assertThat(first.key()).isEqualTo(exp + ".base.n0.-B.s0");
        assertThat(first.headers())
                .containsEntry(CloudEventHeaders.SOURCE, EventPublisher.SOURCE)
                .containsEntry(
                        CloudEventHeaders.TYPE,
                        EventTypes.of(TrainingJobRequested.class).ceType())
                .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TIME);

        String baseA = exp + ".base.n0.-A.s0";
        started(exp, baseA, 1);
        completed(exp, baseA, 1);
        await().atMost(WAIT).until(() -> dispatches(exp).contains(exp + ".transfer.n1.AB.s0#1"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("coordinator_dispatch_latency_seconds_bucket\\{le=\"[0-9.]+\",?\\} [1-9]")
                .containsPattern("coordinator_dispatch_latency_seconds_bucket\\{le=\"\\+Inf\",?\\} [1-9]")
                .containsPattern("coordinator_dispatch_latency_seconds_count [1-9]");
        TrainingJobRequested anb = log.all(TrainingJobRequested.class, exp).stream()
                .filter(t -> t.jobId().endsWith("transfer.n1.AB.s0"))
                .findFirst()
                .orElseThrow();
        assertThat(anb.spec().inputs())
                .containsExactly(new CheckpointRef(
                        baseA,
                        "s3://transferlab/experiments/" + exp + "/jobs/" + baseA + "/final.ckpt",
                        "sha-" + baseA));

        completed(exp, exp + ".base.n0.-B.s0", 1);
        completed(exp, exp + ".transfer.n1.AB.s0", 1);
        await().atMost(WAIT)
                .until(() -> !log.all(ExperimentCompleted.class, exp).isEmpty());

        given().get("/experiments/" + exp)
                .then()
                .statusCode(200)
                .body("summary.state", equalTo("completed"))
                .body("summary.counts.succeeded", equalTo(3))
                .body("jobs.jobId", hasItem(exp + ".transfer.n1.AB.s0"))
                .body("jobs.find { it.jobId == '" + baseA + "' }.trainerId", equalTo("trainer-1"));
    }

    @Test
    void aBadRequestIsRejectedWithEveryProblemOverKafkaAndRest() {
        String exp = "it-bad";
        String body = request(exp, "'arms':[],'layerCuts':[9],'training':{'epochs':0}");
        publishRequest(exp, body);

        await().atMost(WAIT).until(() -> !log.all(ExperimentRejected.class, exp).isEmpty());
        List<Problem> problems = log.all(ExperimentRejected.class, exp).get(0).problems();
        assertThat(problems).extracting(Problem::field).contains("arms", "layerCuts[0]", "training.epochs");

        List<Map<String, String>> rest = given().contentType(ContentType.JSON)
                .body(body)
                .post("/experiments")
                .then()
                .statusCode(400)
                .body("experimentId", equalTo(exp))
                .extract()
                .jsonPath()
                .getList("problems");
        assertThat(rest).hasSameSizeAs(problems);
        assertThat(rest)
                .extracting(p -> p.get("field"))
                .containsExactlyElementsOf(problems.stream().map(Problem::field).toList());
        assertThat(log.all(ExperimentAccepted.class, exp)).isEmpty();
    }

    @Test
    void aDatasetLocationOutsideTheRootsAndBucketsIsRefusedOverRest() {
        for (String location : List.of("/etc", "/root", "s3://transferlab/", "../../../../etc")) {
            String body = request("it-loc", "")
                    .replace("\"fashion-mnist\"}", "\"fashion-mnist\",\"location\":\"" + location + "\"}");
            List<Map<String, String>> rest = given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/experiments")
                    .then()
                    .statusCode(400)
                    .extract()
                    .jsonPath()
                    .getList("problems");
            assertThat(rest).as(location).extracting(p -> p.get("field")).containsExactly("dataset.location");
        }
        assertThat(log.all(ExperimentAccepted.class, "it-loc")).isEmpty();
    }

    @Test
    void malformedMessagesAreDeadLetteredAndTheConsumerGoesOn() {
        Map<String, String> noType = headers("dl-1");
        noType.remove(CloudEventHeaders.TYPE);
        Map<String, String> xml = headers("dl-2");
        xml.put(CloudEventHeaders.CONTENT_TYPE, "application/xml");
        log.publishRaw(Topics.EXPERIMENT_REQUESTS, "k1", "{}".getBytes(StandardCharsets.UTF_8), noType);
        log.publishRaw(Topics.EXPERIMENT_REQUESTS, "k2", "<request/>".getBytes(StandardCharsets.UTF_8), xml);
        log.publishRaw(Topics.EXPERIMENT_REQUESTS, "k3", new byte[] {(byte) 0xff, 0x00, 0x7b}, headers("dl-3"));
        log.publishRaw(
                Topics.EXPERIMENT_REQUESTS,
                "k4",
                ("{\"pad\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                headers("dl-4"));
        log.publishRaw(
                Topics.JOB_EVENTS,
                "k5",
                "{\"jobId\":".getBytes(StandardCharsets.UTF_8),
                Map.of(
                        CloudEventHeaders.SPEC_VERSION,
                        "1.0",
                        CloudEventHeaders.ID,
                        "dl-5",
                        CloudEventHeaders.SOURCE,
                        TRAINER,
                        CloudEventHeaders.TYPE,
                        EventTypes.of(JobStarted.class).ceType()));
        String exp = "it-after-poison";
        publishRequest(exp, request(exp, "'arms':['base'],'directions':'a-to-b'"));

        await().atMost(WAIT).until(() -> dispatches(exp).size() == 1);
        await().atMost(WAIT)
                .until(() -> log.all(DeadLettered.class, null).stream()
                                .filter(d -> d.originalKey() != null
                                        && d.originalKey().matches("k[1-5]"))
                                .count()
                        == 5);
        Map<String, DeadLettered> byKey = log.all(DeadLettered.class, null).stream()
                .filter(d -> d.originalKey() != null && d.originalKey().matches("k[1-5]"))
                .collect(Collectors.toMap(DeadLettered::originalKey, d -> d));
        assertThat(byKey.get("k1").reason())
                .contains("missing CloudEvents header")
                .contains("ce_type");
        assertThat(byKey.get("k2").reason()).contains("application/xml");
        assertThat(byKey.get("k3").reason()).contains("not JSON");
        assertThat(byKey.get("k3").payloadEncoding()).isEqualTo("base64");
        assertThat(byKey.get("k4").reason()).contains("exceeds the limit of 262144 bytes");
        assertThat(byKey.get("k5").reason()).contains("unreadable");
        assertThat(byKey.get("k5").originalTopic()).isEqualTo(Topics.JOB_EVENTS);
        assertThat(byKey.get("k2").originalTopic()).isEqualTo(Topics.EXPERIMENT_REQUESTS);
        assertThat(byKey.get("k2").originalOffset()).isNotNegative();
        assertThat(byKey.get("k2").originalHeaders()).containsEntry(CloudEventHeaders.ID, "dl-2");
        assertThat(byKey.get("k2").payload()).isEqualTo("<request/>");
    }

    @Test
    void aRequestWith30000BadSeedsGetsABoundedRejectionAndTheNextRequestIsAnswered() {
        String exp = "it-poison-seeds";
        String seeds = IntStream.rangeClosed(1, 30_000)
                .mapToObj(i -> Integer.toString(-i))
                .collect(Collectors.joining(",", "[", "]"));
        String poison = request(exp, "'arms':['base'],'directions':'a-to-b','seeds':" + seeds);
        assertThat(poison.length()).isGreaterThan(100_000);
        String next = "it-poison-seeds-next";
        // Same key, same partition: the next request waits behind the poison one.
        publishRequest(exp, poison);
        publishRequest(exp, request(next, "'arms':['base'],'directions':'a-to-b'"));

        await().atMost(WAIT).until(() -> dispatches(next).size() == 1);
        ExperimentRejected rejected = log.all(ExperimentRejected.class, exp).get(0);
        assertThat(rejected.problems()).hasSize(Problems.MAX);
        assertThat(rejected.problems().get(Problems.MAX - 1).problem()).endsWith("more problems not listed");
        assertThat(EventCodec.toJson(rejected).length).isLessThan(32 * 1024);
    }

    @Test
    void aHugeHeaderAndWrongTypesAreAnsweredAndTheConsumerGoesOn() {
        Map<String, String> hugeId = headers("h".repeat(300_000));
        hugeId.put("x-junk", "j".repeat(300_000));
        log.publishRaw(
                Topics.EXPERIMENT_REQUESTS,
                "huge-header",
                request("it-huge-header", "").getBytes(StandardCharsets.UTF_8),
                hugeId);
        String wrong = "it-wrong-types";
        publishRequest(
                wrong,
                ("{'experimentId':'" + wrong + "','dataset':42,'seeds':'many','arms':{'a':1},"
                                + "'training':{'epochs':'ten'},'layerCuts':[true]}")
                        .replace('\'', '"'));
        String next = "it-huge-header-next";
        publishRequest(next, request(next, "'arms':['base'],'directions':'a-to-b'"));

        await().atMost(WAIT).until(() -> dispatches(next).size() == 1);
        await().atMost(WAIT)
                .until(() -> !log.all(ExperimentRejected.class, wrong).isEmpty());
        assertThat(log.all(ExperimentRejected.class, wrong).get(0).problems())
                .extracting(Problem::field)
                .contains("dataset", "seeds", "arms");
        DeadLettered letter = await().atMost(WAIT)
                .until(
                        () -> log.all(DeadLettered.class, null).stream()
                                .filter(d -> "huge-header".equals(d.originalKey()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(letter.reason()).isEqualTo("header ce_id of 300000 characters exceeds the limit of 200");
        assertThat(letter.originalHeaders().get("x-junk"))
                .hasSizeLessThanOrEqualTo(1_000)
                .contains("300000 chars");
        assertThat(EventCodec.toJson(letter).length).isLessThan(16 * 1024);
    }

    @Test
    void anEventOnATopicWhereItDoesNotBelongIsDeadLettered() {
        ExperimentCancelled stray = new ExperimentCancelled(null, null, 0, "it-stray", "wrong topic");
        Map<String, String> ce = new LinkedHashMap<>(EventRecords.headers(stray, TRAINER));
        log.publishRaw(Topics.JOB_EVENTS, "stray", EventCodec.toJson(stray), ce);

        DeadLettered letter = await().atMost(WAIT)
                .until(
                        () -> log.all(DeadLettered.class, null).stream()
                                .filter(d -> "stray".equals(d.originalKey()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(letter.reason()).contains("does not belong on " + Topics.JOB_EVENTS);
        assertThat(letter.originalTopic()).isEqualTo(Topics.JOB_EVENTS);
    }

    @Test
    void aValidRequestReusingTheEventIdOfARejectedOneIsToldSo() {
        String ceId = "reuse-" + UUID.randomUUID();
        log.publishRaw(
                Topics.EXPERIMENT_REQUESTS,
                "it-reuse",
                request("it-reuse", "'arms':[]").getBytes(StandardCharsets.UTF_8),
                headers(ceId));
        log.publishRaw(
                Topics.EXPERIMENT_REQUESTS,
                "it-reuse",
                request("it-reuse-valid", "'arms':['base']").getBytes(StandardCharsets.UTF_8),
                headers(ceId));

        await().atMost(WAIT)
                .until(() ->
                        !log.all(ExperimentRejected.class, "it-reuse-valid").isEmpty());
        ExperimentRejected answer =
                log.all(ExperimentRejected.class, "it-reuse-valid").get(0);
        assertThat(answer.requestEventId()).isEqualTo(ceId);
        assertThat(answer.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("eventId");
            assertThat(p.problem()).contains(ceId).contains("already used by a request that was rejected");
        });
        assertThat(log.all(ExperimentAccepted.class, "it-reuse-valid")).isEmpty();
    }

    @Test
    void aMalformedAcceptedEventNeverStopsARestartFromBecomingLive() throws Exception {
        ExperimentRequested request = new ExperimentRequested(
                null,
                null,
                0,
                "it-malformed-accepted",
                new io.transferlab.contracts.model.DatasetSpec("fashion-mnist", null, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        ExperimentAccepted accepted = new ExperimentAccepted(null, null, 0, "it-malformed-accepted", "digest", request);
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                EventCodec.mapper().valueToTree(accepted);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("request")).remove("experimentId");
        log.publishRaw(
                Topics.EXPERIMENT_EVENTS,
                "it-malformed-accepted",
                EventCodec.mapper().writeValueAsBytes(tree),
                EventRecords.headers(accepted, "/test/hostile"));
        await().atMost(WAIT)
                .until(() -> log.all(DeadLettered.class, null).stream()
                        .anyMatch(d -> "it-malformed-accepted".equals(d.originalKey())));

        runtime.stop();
        runtime.start();

        await().atMost(WAIT).until(runtime::live);
        String after = "it-after-malformed";
        publishRequest(after, request(after, "'arms':['base'],'directions':'a-to-b'"));
        await().atMost(WAIT).until(() -> dispatches(after).size() == 1);
        given().get("/q/metrics").then().statusCode(200).body(containsString("coordinator_replay_skipped_total"));
    }

    @Test
    void aPlainJsonRequestAndAStructuredModeCloudEventAreAcceptedLikeABinaryOne() {
        // What `kcat -P -t transferlab.experiment-requests` and kafka-console-producer send: a body, no headers.
        String plain = "it-plain-json";
        log.publishRaw(
                Topics.EXPERIMENT_REQUESTS,
                null,
                request(plain, "'arms':['base'],'directions':'a-to-b'").getBytes(StandardCharsets.UTF_8),
                Map.of());
        // Structured mode: the whole CloudEvent in the body, content-type application/cloudevents+json.
        String structured = "it-structured";
        String event = ("{'specversion':'1.0','type':'"
                                + EventTypes.of(ExperimentRequested.class).ceType()
                                + "','source':'/test/kcat','id':'structured-1','datacontenttype':'application/json','data':")
                        .replace('\'', '"')
                + request(structured, "'arms':['base'],'directions':'a-to-b'") + "}";
        log.publishRaw(
                Topics.EXPERIMENT_REQUESTS,
                structured,
                event.getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.CONTENT_TYPE, "application/cloudevents+json; charset=UTF-8"));

        await().atMost(WAIT)
                .until(() ->
                        dispatches(plain).size() == 1 && dispatches(structured).size() == 1);
        ExperimentAccepted plainAccepted =
                log.all(ExperimentAccepted.class, plain).get(0);
        assertThat(plainAccepted.request().eventId())
                .matches(java.util.regex.Pattern.quote(Topics.EXPERIMENT_REQUESTS) + "-\\d+-\\d+");
        assertThat(log.all(ExperimentAccepted.class, structured)
                        .get(0)
                        .request()
                        .eventId())
                .isEqualTo("structured-1");
    }

    @Test
    void theReadmeKcatAndConsoleProducerCommandsTriggerAnExperiment(@TempDir Path tools) throws Exception {
        List<String> commands = ReadmeProducerCommands.fromReadme();
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).contains("| kcat -P -b " + ReadmeProducerCommands.README_BROKER);
        assertThat(commands.get(1))
                .contains("| kafka-console-producer.sh --bootstrap-server " + ReadmeProducerCommands.README_BROKER);
        String bootstrap = LocalStack.kafka().bootstrapServers();
        for (String command : commands) {
            Map<Integer, Long> before = requestEndOffsets(bootstrap);
            ReadmeProducerCommands.run(command, bootstrap, tools);

            Map<Integer, Long> after = requestEndOffsets(bootstrap);
            List<String> published = after.keySet().stream()
                    .filter(p -> after.get(p) > before.get(p))
                    .map(p -> Topics.EXPERIMENT_REQUESTS + "-" + p + "-" + before.get(p))
                    .toList();
            assertThat(published).as("records %s published", command).hasSize(1);
            ExperimentAccepted accepted = await().atMost(WAIT)
                    .until(
                            () -> log.all(ExperimentAccepted.class, null).stream()
                                    .filter(a -> a.request().eventId().equals(published.get(0)))
                                    .findFirst(),
                            Optional::isPresent)
                    .get();
            assertThat(accepted.request().arms()).as(command).containsExactly(Arm.BASE, Arm.TRANSFER);
            assertThat(accepted.request().layerCuts()).containsExactly(1);
        }
    }

    private static Map<Integer, Long> requestEndOffsets(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXPERIMENT_REQUESTS, WAIT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, WAIT).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
        }
    }

    @Test
    void duplicatesChangeNothingAndAReusedIdIsAConflict() {
        String exp = "it-dup";
        String body = request(exp, "'arms':['base','selffer'],'layerCuts':[2],'directions':'a-to-b'");
        publishRequest(exp, body);
        publishRequest(exp, body);
        publishRequest(exp, request(exp, "'arms':['base'],'directions':'a-to-b'"));

        await().atMost(WAIT).until(() -> !log.all(ExperimentRejected.class, exp).isEmpty());
        assertThat(log.all(ExperimentRejected.class, exp)
                        .get(0)
                        .problems()
                        .get(0)
                        .problem())
                .contains("conflict");
        assertThat(log.all(ExperimentAccepted.class, exp)).hasSize(1);

        String base = exp + ".base.n0.-B.s0";
        started(exp, base, 1);
        completed(exp, base, 1);
        completed(exp, base, 1);
        started(exp, base, 1);
        await().atMost(WAIT).until(() -> dispatches(exp).contains(exp + ".selffer.n2.BB.s0#1"));
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> dispatches(exp)
                        .equals(List.of(base + "#1", exp + ".selffer.n2.BB.s0#1").stream()
                                .sorted()
                                .toList()));
    }

    @Test
    void aSilentJobIsDispatchedAgainAfterTheHeartbeatTimeout() {
        String exp = "it-heartbeat";
        publishRequest(exp, request(exp, "'arms':['base'],'directions':'a-to-b'"));
        String base = exp + ".base.n0.-B.s0";
        await().atMost(WAIT).until(() -> dispatches(exp).equals(List.of(base + "#1")));

        started(exp, base, 1); // ... and the trainer dies: no heartbeat follows

        await().atMost(WAIT).untilAsserted(() -> assertThat(dispatches(exp)).containsExactly(base + "#1", base + "#2"));
        completed(exp, base, 1); // the lost attempt's late result counts for nothing
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> log.all(ExperimentCompleted.class, exp).isEmpty());
        completed(exp, base, 2);
        await().atMost(WAIT)
                .until(() -> !log.all(ExperimentCompleted.class, exp).isEmpty());
        given().get("/experiments/" + exp)
                .then()
                .statusCode(200)
                .body("jobs[0].attempt", equalTo(2))
                .body("jobs[0].state", equalTo("succeeded"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("coordinator_retries_total"));
    }

    @Test
    void aRestartInTheMiddleOfAnExperimentLosesNothingAndRepeatsNothing() {
        String exp = "it-restart";
        publishRequest(exp, request(exp, "'arms':['base','selffer'],'layerCuts':[1,2],'directions':'a-to-b'"));
        String base = exp + ".base.n0.-B.s0";
        await().atMost(WAIT).until(() -> dispatches(exp).equals(List.of(base + "#1")));
        started(exp, base, 1);

        runtime.stop();
        // While the coordinator is down the trainer finishes, and a user sends a request.
        completed(exp, base, 1);
        String later = "it-restart-later";
        publishRequest(later, request(later, "'arms':['base'],'directions':'b-to-a'"));
        runtime.start();

        await().atMost(WAIT).until(runtime::live);
        List<String> expected = List.of(base + "#1", exp + ".selffer.n1.BB.s0#1", exp + ".selffer.n2.BB.s0#1").stream()
                .sorted()
                .toList();
        await().atMost(WAIT).untilAsserted(() -> assertThat(dispatches(exp)).isEqualTo(expected));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(dispatches(later)).containsExactly(later + ".base.n0.-A.s0#1"));
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> dispatches(exp).equals(expected)
                        && log.all(ExperimentAccepted.class, exp).size() == 1
                        && log.all(ExperimentPlanned.class, exp).size() == 1);
        given().get("/experiments/" + exp)
                .then()
                .statusCode(200)
                .body("jobs[0].state", equalTo("succeeded"))
                .body("jobs[1].state", equalTo("dispatched"));
    }

    @Test
    void aRestartResumesFromTheSnapshotsWithTheSameStateAndReplaysOnlyWhatCameAfter() {
        String exp = "it-snapshot";
        publishRequest(exp, request(exp, "'arms':['base','selffer'],'layerCuts':[1],'directions':'a-to-b'"));
        String bad = "it-snapshot-bad";
        publishRequest(bad, request(bad, "'layerCuts':[9]"));
        String base = exp + ".base.n0.-B.s0";
        await().atMost(WAIT).until(() -> dispatches(exp).equals(List.of(base + "#1")));
        started(exp, base, 1);
        int heartbeats = 40;
        for (int epoch = 1; epoch <= heartbeats; epoch++) {
            log.publish(
                    new JobHeartbeat(null, null, 0, exp, base, 1, "trainer-1", epoch, epoch * 10L, epoch / 100.0),
                    TRAINER);
        }
        await().atMost(WAIT)
                .until(() -> runtime.engine().experiment(exp).orElseThrow().jobs().stream()
                        .anyMatch(j -> j.jobId().equals(base) && j.epoch() == heartbeats));
        await().atMost(WAIT).until(() -> runtime.engine().stateOf(bad).isPresent());
        ExperimentView before = runtime.engine().experiment(exp).orElseThrow();
        Map<JobState, Integer> jobsBefore = runtime.engine().jobCounts();
        Map<ExperimentState, Integer> experimentsBefore = runtime.engine().experimentCounts();

        runtime.stop();
        runtime.start();

        await().atMost(WAIT).until(runtime::live);
        assertThat(runtime.replayStats().snapshots()).isGreaterThanOrEqualTo(1);
        assertThat(runtime.replayStats().events())
                .as("events replayed after the snapshots")
                .isLessThan(heartbeats);
        assertThat(runtime.engine().experiment(exp)).contains(before);
        assertThat(runtime.engine().jobCounts()).isEqualTo(jobsBefore);
        assertThat(runtime.engine().experimentCounts()).isEqualTo(experimentsBefore);
        assertThat(runtime.engine().stateOf(bad)).contains(ExperimentState.REJECTED);
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> dispatches(exp).equals(List.of(base + "#1"))
                        && log.all(ExperimentAccepted.class, exp).size() == 1);
    }

    @Test
    void aSnapshotThatCannotBeDecodedIsLeftOutAndItsExperimentIsRebuiltFromTheEvents() {
        String exp = "it-garbled";
        publishRequest(exp, request(exp, "'arms':['base','selffer'],'layerCuts':[1],'directions':'a-to-b'"));
        String base = exp + ".base.n0.-B.s0";
        await().atMost(WAIT).until(() -> dispatches(exp).equals(List.of(base + "#1")));
        started(exp, base, 1);
        completed(exp, base, 1);
        await().atMost(WAIT).until(() -> dispatches(exp).size() == 2);
        Map<String, String> before = jobStates(exp);
        Map<JobState, Integer> jobsBefore = runtime.engine().jobCounts();
        Map<ExperimentState, Integer> experimentsBefore = runtime.engine().experimentCounts();
        StateSnapshotStore state = new StateSnapshotStore();
        state.clients = clients;
        await().atMost(WAIT)
                .until(() -> state.load().experiments().stream()
                        .anyMatch(e -> e.experimentId().equals(exp)));

        runtime.stop();
        // A foreign writer's bytes under the experiment's key: the latest value, so its snapshot is gone.
        log.publishRaw(
                Topics.COORDINATOR_STATE,
                StateSnapshotStore.EXPERIMENT_PREFIX + exp,
                "not a snapshot".getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(state.load().offsets()).isEqualTo(StateTopic.Offsets.NONE);
        runtime.start();

        await().atMost(WAIT).until(runtime::live);
        assertThat(jobStates(exp)).isEqualTo(before);
        assertThat(runtime.engine().jobCounts()).isEqualTo(jobsBefore);
        assertThat(runtime.engine().experimentCounts()).isEqualTo(experimentsBefore);
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> dispatches(exp).size() == 2
                        && log.all(ExperimentAccepted.class, exp).size() == 1);
        // The rebuilt experiment is snapshotted again, so the next restart reads the snapshots again.
        await().atMost(WAIT).until(() -> !state.load().offsets().positions().isEmpty());
    }

    private Map<String, String> jobStates(String exp) {
        ExperimentView view = runtime.engine().experiment(exp).orElseThrow();
        Map<String, String> states = new java.util.TreeMap<>();
        states.put(exp, view.summary().state().toString());
        view.jobs().forEach(j -> states.put(j.jobId(), j.state() + "#" + j.attempt()));
        return states;
    }

    @Test
    void aSecondCoordinatorWaitsAndTakesOverWithoutDispatchingAnythingTwice() {
        CoordinatorRuntime second = new CoordinatorRuntime();
        second.config = config;
        second.clients = clients;
        second.topics = topics;
        second.metrics = metrics;
        second.snapshots = new StateSnapshotStore();
        second.snapshots.clients = clients;
        second.start();
        String exp = "it-two";
        String base = exp + ".base.n0.-B.s0";
        List<String> expected = List.of(base + "#1", exp + ".selffer.n1.BB.s0#1", exp + ".selffer.n2.BB.s0#1").stream()
                .sorted()
                .toList();
        try {
            await().during(Duration.ofSeconds(3))
                    .atMost(WAIT)
                    .until(() -> runtime.live() && !second.leader() && !second.live());
            publishRequest(exp, request(exp, "'arms':['base','selffer'],'layerCuts':[1,2],'directions':'a-to-b'"));
            await().atMost(WAIT).until(() -> dispatches(exp).equals(List.of(base + "#1")));
            started(exp, base, 1);

            runtime.stop(); // the leader goes away: the waiting coordinator takes over
            await().atMost(WAIT).until(second::live);
            completed(exp, base, 1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(dispatches(exp)).isEqualTo(expected));

            runtime.start(); // back, while the other leads: it waits
            await().during(Duration.ofSeconds(3))
                    .atMost(WAIT)
                    .until(() -> !runtime.leader()
                            && second.live()
                            && dispatches(exp).equals(expected)
                            && log.all(ExperimentAccepted.class, exp).size() == 1
                            && log.all(ExperimentPlanned.class, exp).size() == 1);
        } finally {
            second.stop();
        }
        await().atMost(WAIT).until(runtime::live);
        assertThat(dispatches(exp)).isEqualTo(expected);
    }

    @Test
    void aCoordinatorWhoseElectionThreadDiedIsNotLiveAndAnyOtherFailureJoinsAgain() {
        AtomicInteger joins = new AtomicInteger();
        CoordinatorRuntime broken = new CoordinatorRuntime();
        broken.config = config;
        broken.clients = clients;
        broken.metrics = metrics;
        broken.snapshots = new StateSnapshotStore();
        broken.snapshots.clients = clients;
        broken.topics = new TopicInitializer() {
            @Override
            public void ensureTopics() {
                if (joins.incrementAndGet() == 1) {
                    throw new UnsupportedOperationException("not a Kafka failure: the election joins again");
                }
                throw new StackOverflowError("an Error ends the election thread");
            }
        };
        broken.start();
        try {
            // The Error ends the election thread as it would in production; Awaitility must not take it as its own.
            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> broken.loopProblem() != null);
            assertThat(broken.loopProblem()).isEqualTo("coordinator-election thread is dead");
            assertThat(joins).hasValue(2);
            assertThat(broken.live()).isFalse();
            assertThat(runtime.loopProblem()).isNull();
        } finally {
            broken.stop();
        }
    }

    @Test
    void aDeposedLeaderThatHasNotNoticedPublishesNothingAndStepsDown() {
        double fencedBefore = fencedCount();
        // What a newer leader does first on its election: start the fencing producers of decisions and snapshots.
        // The running coordinator still believes it leads, as one frozen past its session would on waking.
        AcknowledgedPublisher newer = clients.decisionPublisher();
        StateSnapshotStore newerSnapshots = new StateSnapshotStore();
        newerSnapshots.clients = clients;
        newerSnapshots.fence();
        String exp = "it-fenced";
        String base = exp + ".base.n0.-A.s0";
        try {
            publishRequest(exp, request(exp, "'arms':['base'],'directions':'b-to-a'"));

            // Its decision is refused (and seen by nobody); it steps down, is elected again and decides once.
            await().atMost(WAIT).until(() -> fencedCount() > fencedBefore);
            await().atMost(WAIT).until(() -> runtime.live() && dispatches(exp).equals(List.of(base + "#1")));
            await().during(Duration.ofSeconds(2))
                    .atMost(WAIT)
                    .until(() -> dispatches(exp).equals(List.of(base + "#1"))
                            && log.all(ExperimentAccepted.class, exp).size() == 1
                            && log.all(ExperimentPlanned.class, exp).size() == 1);
            // and on its new election it fenced the stand-in for the newer leader in turn
            assertThatThrownBy(() -> newer.publish(new ExperimentCancelled(null, null, 0, exp, "stale")))
                    .isInstanceOf(FencedException.class);
            assertThat(log.all(ExperimentCancelled.class, exp)).isEmpty();
        } finally {
            newer.close();
            newerSnapshots.close();
        }
    }

    private static double fencedCount() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("coordinator_fenced_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void theRestApiAcceptsListsShowsAndCancels() {
        String exp = "it-rest";
        String id = given().contentType(ContentType.JSON)
                .body(request(exp, "'arms':['base','transfer'],'layerCuts':[4],'directions':'both'"))
                .post("/experiments")
                .then()
                .statusCode(202)
                .body("experimentId", equalTo(exp))
                .extract()
                .path("experimentId");
        await().atMost(WAIT).until(() -> dispatches(id).size() == 2);

        given().get("/experiments").then().statusCode(200).body("experimentId", hasItem(exp));
        given().get("/experiments/" + exp)
                .then()
                .statusCode(200)
                .body("summary.state", equalTo("running"))
                .body("summary.counts.total", equalTo(4))
                .body(
                        "jobs.find { it.jobId == '" + exp + ".transfer.n4.AB.s0' }.dependsOn",
                        hasItem(exp + ".base.n0.-A.s0"));
        given().contentType(ContentType.JSON)
                .body(request(exp, "'arms':['base']"))
                .post("/experiments")
                .then()
                .statusCode(409)
                .body("problems[0].problem", containsString("conflict"));

        given().contentType(ContentType.JSON)
                .body("{not json")
                .post("/experiments")
                .then()
                .statusCode(400)
                .body("problems[0].field", equalTo("$"))
                .body("problems[0].problem", containsString("not JSON"));
        given().contentType(ContentType.JSON)
                .body("{\"pad\":\"" + "x".repeat(300_000) + "\"}")
                .post("/experiments")
                .then()
                .statusCode(413);

        given().delete("/experiments/" + exp).then().statusCode(202);
        await().atMost(WAIT).until(() -> log.all(JobCancelled.class, exp).size() == 4);
        assertThat(log.all(ExperimentCancelled.class, exp)).hasSize(1);
        await().atMost(WAIT)
                .until(() -> given().get("/experiments/" + exp)
                        .jsonPath()
                        .getString("summary.state")
                        .equals("cancelled"));
        given().delete("/experiments/" + exp).then().statusCode(409);
        given().delete("/experiments/nope").then().statusCode(404);
        given().get("/experiments/nope").then().statusCode(404);
    }

    @Test
    void metricsHealthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200).body(containsString("coordinator-loop"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains(
                        "coordinator_experiments{",
                        "state=\"running\"",
                        "coordinator_jobs{",
                        "state=\"dispatched\"",
                        "coordinator_dispatch_latency_seconds",
                        "coordinator_retries_total",
                        "coordinator_rejections_total",
                        "coordinator_dead_letters_total",
                        // Micrometer's Kafka client metrics, bound on the coordinator's own clients
                        "kafka_consumer_fetch_manager_records_consumed_total{",
                        "client_id=\"transferlab-coordinator\"",
                        "kafka_producer_record_send_total{");
        given().get("/q/openapi").then().statusCode(200).body(containsString("/experiments"));
    }
}
